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
 * AKS without Entra ID integration: human access rests on cluster certificates instead of the
 * identity provider.
 */
public final class CloudIdpIntegrationMissing extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-idp-integration-missing")
          .title("No identity-provider integration for cluster users")
          .area(Area.CLOUD_IDENTITY_ACCESS)
          .severity(Severity.MEDIUM)
          .rationale(
              "Without Entra ID (AAD) integration, people reach the cluster with shared certificate-based kubeconfigs: no per-user identity, no MFA or conditional access, and no way to revoke one person's access when they leave.")
          .remediation(
              "Enable AKS-managed Entra ID integration (properties.aadProfile with managed: true; Terraform azure_active_directory_role_based_access_control block) and bind Kubernetes roles to Entra groups.")
          .references(
              "https://learn.microsoft.com/azure/aks/managed-azure-ad",
              CloudFrameworks.AKS_BASELINE,
              "MCSB IM-1")
          .frameworks(
              Frameworks.NONE
                  .withCis("AKS 5.5.1")
                  .withMitre("T1078")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting aad = c.setting("aadProfile");
    if (!aad.unknown() && !aad.hasContent()) {
      problems.add(aad.describe());
    }
  }
}
