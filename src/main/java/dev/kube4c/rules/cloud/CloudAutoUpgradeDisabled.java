package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** Neither the cluster nor the node OS follows an automatic upgrade channel. */
public final class CloudAutoUpgradeDisabled extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-auto-upgrade-disabled")
          .title("No automatic upgrade channel")
          .area(Area.CLOUD_COMPUTE)
          .severity(Severity.MEDIUM)
          .rationale(
              "Clusters and node images that are upgraded by hand fall behind: kernel, container runtime and Kubernetes patches arrive weeks or months late, or never. Automatic channels apply security patches within the maintenance window.")
          .remediation(
              "AKS: set autoUpgradeProfile.upgradeChannel (patch or stable) and nodeOSUpgradeChannel (NodeImage or SecurityPatch). GKE: enrol in a release channel and keep node auto-upgrade on.")
          .references(
              "https://learn.microsoft.com/azure/aks/auto-upgrade-cluster",
              "https://learn.microsoft.com/azure/aks/auto-upgrade-node-os-image",
              "https://cloud.google.com/kubernetes-engine/docs/concepts/release-channels",
              "MCSB PV-6")
          .frameworks(
              Frameworks.NONE
                  .withCis("GKE 5.5.3", "GKE 5.5.4")
                  .withCks(Frameworks.Cks.SYSTEM_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting channel = c.setting("upgradeChannel");
    Setting nodeOs = c.setting("nodeOsUpgradeChannel");
    if (!channel.unknown()
        && (channel.text().isEmpty() || channel.text().equalsIgnoreCase("none"))) {
      problems.add(channel.describe());
    }
    if (nodeOs.text().equalsIgnoreCase("none") || nodeOs.text().equalsIgnoreCase("unmanaged")) {
      problems.add(nodeOs.describe());
    }
  }

  @Override
  protected void gke(CloudCluster c, RuleContext context, List<String> problems) {
    Setting channel = c.setting("releaseChannel");
    if (channel.text().equals("UNSPECIFIED")
        || (c.format().equals("gcloud") && channel.isUnset())) {
      problems.add(channel.describe());
    }
    for (CloudCluster.NodePool pool : c.nodePools()) {
      Setting auto = pool.setting("autoUpgrade");
      if (auto.isFalse()) {
        problems.add(auto.describe());
      }
    }
  }
}
