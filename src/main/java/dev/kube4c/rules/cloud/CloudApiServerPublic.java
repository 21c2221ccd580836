package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** The API server answers the whole internet: no private cluster, no allowed address ranges. */
public final class CloudApiServerPublic extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-api-server-public")
          .title("Cluster API server reachable from the whole internet")
          .area(Area.CLOUD_NETWORKING)
          .severity(Severity.HIGH)
          .rationale(
              "A public API server endpoint without allowed address ranges can be probed, brute-forced and attacked with every new API server vulnerability by anyone on the internet; stolen credentials work from anywhere.")
          .remediation(
              "Make the cluster private (AKS private cluster, EKS private endpoint only, GKE private endpoint), or restrict the public endpoint to known address ranges (AKS authorized IP ranges, EKS public access CIDRs, GKE master authorized networks).")
          .references(
              CloudFrameworks.AKS_BASELINE,
              "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html",
              "https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks",
              "MCSB NS-2")
          .frameworks(
              Frameworks.NONE
                  .withCis(
                      "AKS 5.4.1", "AKS 5.4.2", "EKS 5.4.1", "EKS 5.4.2", "GKE 5.6.3", "GKE 5.6.4")
                  .withMitre("T1133")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting priv = c.setting("privateCluster");
    Setting ranges = c.setting("authorizedIpRanges");
    if (priv.isTrue() || priv.unknown() || ranges.unknown()) {
      return;
    }
    if (!ranges.hasContent() || containsAnyAddress(ranges)) {
      problems.add(priv.describe() + " and " + ranges.describe());
    }
  }

  @Override
  protected void eks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting pub = c.setting("endpointPublicAccess");
    Setting cidrs = c.setting("publicAccessCidrs");
    if (pub.isFalse() || pub.unknown() || cidrs.unknown()) {
      return;
    }
    if (!cidrs.hasContent()) {
      problems.add(
          pub.describe()
              + " (public by default) and "
              + cidrs.path()
              + " is not set (0.0.0.0/0 by default)");
    } else if (containsAnyAddress(cidrs)) {
      problems.add(pub.describe() + " and " + cidrs.describe());
    }
  }

  @Override
  protected void gke(CloudCluster c, RuleContext context, List<String> problems) {
    Setting priv = c.setting("privateEndpoint");
    Setting pub = c.setting("publicEndpoint");
    Setting networks = c.setting("authorizedNetworks");
    Setting cidrs = c.setting("authorizedCidrs");
    if (priv.isTrue() || pub.isFalse() || priv.unknown() || networks.unknown()) {
      return;
    }
    if (off(networks)) {
      problems.add(priv.describe() + " and " + networks.describe());
    } else if (cidrs.hasContent() && containsAnyAddress(cidrs)) {
      problems.add(cidrs.describe());
    }
  }
}
