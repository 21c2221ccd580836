package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/**
 * No runtime threat detection from the provider (Defender for Containers, GKE security posture).
 */
public final class CloudThreatDetectionDisabled extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-threat-detection-disabled")
          .title("Provider threat detection off")
          .area(Area.CLOUD_OPERATIONS)
          .severity(Severity.MEDIUM)
          .rationale(
              "Defender for Containers and GKE security posture watch audit logs and nodes for known attack patterns (crypto miners, exec into pods, privileged containers, exposed dashboards). Without them an attack in progress raises no alert.")
          .remediation(
              "AKS: enable securityProfile.defender.securityMonitoring (Terraform microsoft_defender block) with a Log Analytics workspace. GKE: set securityPostureConfig.mode to BASIC or ENTERPRISE.")
          .references(
              "https://learn.microsoft.com/azure/defender-for-cloud/defender-for-containers-introduction",
              "https://cloud.google.com/kubernetes-engine/docs/concepts/about-security-posture-dashboard",
              "MCSB LT-1")
          .frameworks(
              Frameworks.NONE.withCis("GKE 5.10.5").withCks(Frameworks.Cks.RUNTIME_SECURITY))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting defender = c.setting("defender");
    if (off(defender)) {
      problems.add(defender.describe());
    }
  }

  @Override
  protected void gke(CloudCluster c, RuleContext context, List<String> problems) {
    Setting posture = c.setting("securityPosture");
    if (posture.text().equals("DISABLED")) {
      problems.add(posture.describe());
    }
  }
}
