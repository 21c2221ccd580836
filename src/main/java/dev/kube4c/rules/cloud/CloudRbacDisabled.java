package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** Kubernetes RBAC off (AKS) or legacy ABAC on (GKE): every authenticated user can do anything. */
public final class CloudRbacDisabled extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-rbac-disabled")
          .title("Kubernetes RBAC disabled or legacy ABAC enabled")
          .area(Area.CLOUD_IDENTITY_ACCESS)
          .severity(Severity.CRITICAL)
          .rationale(
              "Without RBAC (or with GKE's legacy ABAC, which grants broad static permissions), any authenticated identity, including every pod's service account, gets wide or full control of the cluster; least privilege is impossible.")
          .remediation(
              "Create AKS clusters with enableRBAC: true (Terraform role_based_access_control_enabled = true); disable legacy ABAC on GKE (legacyAbac.enabled: false, Terraform enable_legacy_abac = false).")
          .references(
              "https://learn.microsoft.com/azure/aks/concepts-identity",
              "https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled",
              "MCSB PA-7")
          .frameworks(
              Frameworks.NONE
                  .withCis("GKE 5.8.3")
                  .withNsa("Authentication and authorization")
                  .withMitre("T1078")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting rbac = c.setting("rbacEnabled");
    if (rbac.isFalse()) {
      problems.add(rbac.describe());
    }
  }

  @Override
  protected void gke(CloudCluster c, RuleContext context, List<String> problems) {
    Setting abac = c.setting("legacyAbac");
    if (abac.isTrue()) {
      problems.add(abac.describe());
    }
  }
}
