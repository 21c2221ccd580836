package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** AKS with Entra ID but Kubernetes authorization kept in in-cluster RBAC only. */
public final class CloudAzureRbacDisabled extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-azure-rbac-disabled")
          .title("AKS authorization not delegated to Azure RBAC")
          .area(Area.CLOUD_IDENTITY_ACCESS)
          .severity(Severity.LOW)
          .rationale(
              "With Entra ID but without Azure RBAC for Kubernetes authorization, cluster permissions live in RoleBindings inside each cluster, outside Azure's access reviews, Privileged Identity Management and central audit of role assignments.")
          .remediation(
              "Set properties.aadProfile.enableAzureRBAC to true (Terraform azure_rbac_enabled = true) and grant the built-in Azure Kubernetes Service RBAC roles at cluster or namespace scope.")
          .references("https://learn.microsoft.com/azure/aks/manage-azure-rbac", "MCSB PA-7")
          .frameworks(
              Frameworks.NONE.withCis("AKS 5.5.2").withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting aad = c.setting("aadProfile");
    Setting azureRbac = c.setting("azureRbac");
    if (aad.hasContent() && azureRbac.isNotTrue()) {
      problems.add(azureRbac.describe());
    }
  }
}
