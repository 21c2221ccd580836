package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** The AKS control plane runs in the free tier, without an uptime SLA. */
public final class CloudUptimeSlaMissing extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-uptime-sla-missing")
          .title("Control plane without uptime SLA")
          .area(Area.CLOUD_OPERATIONS)
          .severity(Severity.LOW)
          .rationale(
              "The free tier gives the API server fewer resources and no financially backed availability; under load or during an incident the control plane, and with it admission policies and rollbacks, may be unavailable exactly when needed.")
          .remediation(
              "Use sku.tier Standard (or Premium) for production AKS clusters (Terraform sku_tier = \"Standard\").")
          .references(
              "https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers", "MCSB BR-1")
          .frameworks(Frameworks.NONE)
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting tier = c.setting("skuTier");
    if (!tier.unknown() && (tier.text().isEmpty() || tier.text().equalsIgnoreCase("free"))) {
      problems.add(tier.isSet() ? tier.describe() : tier.path() + " is not set (Free by default)");
    }
  }
}
