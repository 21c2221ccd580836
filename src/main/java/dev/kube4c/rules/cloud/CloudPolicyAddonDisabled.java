package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** No provider admission-policy add-on (AKS Azure Policy). */
public final class CloudPolicyAddonDisabled extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-policy-addon-disabled")
          .title("No admission policy add-on")
          .area(Area.CLOUD_APPLICATIONS)
          .severity(Severity.LOW)
          .rationale(
              "The provider's policy add-on (Azure Policy for AKS, Gatekeeper-based) enforces organisation-wide guardrails such as no privileged pods or allowed registries at admission time, centrally assigned and reported; without it each cluster depends on its own manual configuration.")
          .remediation(
              "Enable the azurepolicy add-on (properties.addonProfiles.azurepolicy.enabled: true, Terraform azure_policy_enabled = true) and assign the Kubernetes baseline initiative. On GKE, enable Policy Controller through the fleet.")
          .references(
              "https://learn.microsoft.com/azure/governance/policy/concepts/policy-for-kubernetes",
              "MCSB PV-2",
              "MCSB AM-2")
          .frameworks(Frameworks.NONE.withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting policy = c.setting("azurePolicy");
    if (policy.isNotTrue()) {
      problems.add(policy.describe());
    }
  }
}
