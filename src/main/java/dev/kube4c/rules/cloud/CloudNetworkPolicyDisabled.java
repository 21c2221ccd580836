package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** No network-policy engine: NetworkPolicy objects are accepted and silently ignored. */
public final class CloudNetworkPolicyDisabled extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-network-policy-disabled")
          .title("No network-policy engine in the cluster")
          .area(Area.CLOUD_NETWORKING)
          .severity(Severity.HIGH)
          .rationale(
              "Kubernetes stores NetworkPolicies whether or not anything enforces them. Without a policy engine (Azure NPM, Calico, Cilium, GKE Dataplane V2, the EKS VPC CNI's policy agent) every pod can reach every other pod, and the policies people wrote give false confidence.")
          .remediation(
              "Enable a network policy engine: AKS networkProfile.networkPolicy azure, calico or cilium; GKE networkPolicy.enabled or the ADVANCED_DATAPATH datapath; EKS the vpc-cni add-on with enableNetworkPolicy set to \"true\".")
          .references(
              "https://learn.microsoft.com/azure/aks/use-network-policies",
              "https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html",
              "https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy",
              "MCSB NS-1")
          .frameworks(
              Frameworks.NONE
                  .withCis("AKS 5.4.4", "EKS 5.4.4", "GKE 5.6.7")
                  .withNsa("Network separation and hardening")
                  .withMitre("T1021")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting policy = c.setting("networkPolicy");
    if (policy.unknown()) {
      return;
    }
    if (policy.text().isEmpty() || policy.text().equalsIgnoreCase("none")) {
      problems.add(policy.describe());
    }
  }

  @Override
  protected void eks(CloudCluster c, RuleContext context, List<String> problems) {
    if (!c.has("vpcCniNetworkPolicy")) {
      return; // the VPC CNI add-on's settings are not in this input
    }
    Setting policy = c.setting("vpcCniNetworkPolicy");
    if (!policy.text().equalsIgnoreCase("true")) {
      problems.add(policy.describe());
    }
  }

  @Override
  protected void gke(CloudCluster c, RuleContext context, List<String> problems) {
    Setting policy = c.setting("networkPolicy");
    Setting datapath = c.setting("datapathProvider");
    if (c.setting("autopilot").isTrue()
        || datapath.text().equals("ADVANCED_DATAPATH")
        || policy.isTrue()
        || policy.unknown()
        || datapath.unknown()) {
      return;
    }
    problems.add(policy.describe() + " and " + datapath.describe());
  }
}
