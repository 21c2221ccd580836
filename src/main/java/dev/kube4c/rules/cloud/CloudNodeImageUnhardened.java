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
 * Nodes run images without shielded boot (GKE) or an unhardened OS without automatic patching
 * (AKS).
 */
public final class CloudNodeImageUnhardened extends CloudRule {

  private static final java.util.Set<String> HARDENED_AKS_OS =
      java.util.Set.of("azurelinux", "azurelinux3", "cblmariner", "mariner");

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-node-image-unhardened")
          .title("Node image not hardened")
          .area(Area.CLOUD_COMPUTE)
          .severity(Severity.MEDIUM)
          .rationale(
              "Shielded nodes with secure boot stop boot-level rootkits and prove node identity to the control plane; minimal container-optimised images (Container-Optimized OS, Azure Linux) carry fewer packages to exploit. A general-purpose image that is never patched automatically accumulates vulnerabilities.")
          .remediation(
              "GKE: keep shielded nodes on, enable secure boot on every node pool and use the COS_CONTAINERD image. AKS: use osSKU AzureLinux, or keep a NodeImage or SecurityPatch node OS upgrade channel.")
          .references(
              "https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes",
              "https://learn.microsoft.com/azure/azure-linux/intro-azure-linux",
              "MCSB PV-4")
          .frameworks(
              Frameworks.NONE
                  .withCis("GKE 5.5.1", "GKE 5.5.5", "GKE 5.5.7")
                  .withCks(Frameworks.Cks.SYSTEM_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting channel = c.setting("nodeOsUpgradeChannel");
    boolean unpatched =
        channel.text().equalsIgnoreCase("none") || channel.text().equalsIgnoreCase("unmanaged");
    if (!unpatched) {
      return;
    }
    for (CloudCluster.NodePool pool : c.nodePools()) {
      Setting os = pool.setting("osSku");
      boolean windows = pool.setting("osType").text().equalsIgnoreCase("windows");
      if (!windows
          && !os.unknown()
          && !HARDENED_AKS_OS.contains(os.text().toLowerCase(java.util.Locale.ROOT))) {
        problems.add(os.describe() + " and " + channel.describe());
      }
    }
  }

  @Override
  protected void gke(CloudCluster c, RuleContext context, List<String> problems) {
    Setting shielded = c.setting("shieldedNodes");
    if (shielded.isFalse()) {
      problems.add(shielded.describe());
    }
    for (CloudCluster.NodePool pool : c.nodePools()) {
      Setting boot = pool.setting("secureBoot");
      Setting image = pool.setting("imageType");
      if (boot.isNotTrue()) {
        problems.add(boot.describe());
      }
      if (image.isSet() && !image.text().toUpperCase(java.util.Locale.ROOT).startsWith("COS")) {
        problems.add(image.describe());
      }
    }
  }
}
