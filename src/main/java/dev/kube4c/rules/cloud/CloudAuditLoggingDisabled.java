package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** Control-plane audit logs are not exported, so API activity cannot be investigated. */
public final class CloudAuditLoggingDisabled extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-audit-logging-disabled")
          .title("Control-plane audit logs not exported")
          .area(Area.CLOUD_OPERATIONS)
          .severity(Severity.MEDIUM)
          .rationale(
              "The API server's audit log is the record of who read which Secret, who created which privileged pod and who changed which RoleBinding. On managed clusters it is kept only when exported; without it an intrusion cannot be detected or reconstructed.")
          .remediation(
              "AKS: add a diagnostic setting on the cluster that sends kube-audit or kube-audit-admin to Log Analytics or storage. EKS: enable the audit log type in cluster logging (enabled_cluster_log_types). GKE: keep Cloud Logging on (loggingService not none).")
          .references(
              "https://learn.microsoft.com/azure/aks/monitor-aks#resource-logs",
              "https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html",
              "https://cloud.google.com/kubernetes-engine/docs/how-to/audit-logging",
              "MCSB LT-3")
          .frameworks(
              Frameworks.NONE
                  .withCis("AKS 2.1.1", "EKS 2.1.1", "GKE 5.7.1")
                  .withNsa("Logging")
                  .withCks(Frameworks.Cks.RUNTIME_SECURITY))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    if (!c.has("auditLogs")) {
      return; // az aks show does not carry diagnostic settings
    }
    Setting audit = c.setting("auditLogs");
    if (audit.unknown()) {
      return;
    }
    if (!audit.isSet()) {
      problems.add(
          "no diagnostic setting for the cluster in the input ("
              + audit.path()
              + ") sends kube-audit or kube-audit-admin logs");
    } else if (audit.value().isEmpty()) {
      problems.add(
          audit.path() + " enables no kube-audit, kube-audit-admin, audit or allLogs category");
    }
  }

  @Override
  protected void eks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting logging = c.setting("logging");
    if (logging.unknown()) {
      return;
    }
    for (var entry : logging.value()) {
      if (entry.isTextual() && entry.asText().equals("audit")) {
        return; // Terraform: enabled_cluster_log_types
      }
      if (entry.path("enabled").asBoolean(false)) {
        for (var type : entry.path("types")) {
          if (type.asText().equals("audit")) {
            return;
          }
        }
      }
    }
    problems.add(
        logging.isSet()
            ? logging.describe() + ", without the audit log type enabled"
            : logging.describe());
  }

  @Override
  protected void gke(CloudCluster c, RuleContext context, List<String> problems) {
    Setting logging = c.setting("loggingService");
    if (logging.text().equals("none")) {
      problems.add(logging.describe());
    }
  }
}
