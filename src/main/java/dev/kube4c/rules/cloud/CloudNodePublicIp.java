package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** Nodes get public IP addresses and are reachable from the internet. */
public final class CloudNodePublicIp extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-node-public-ip")
          .title("Nodes with public IP addresses")
          .area(Area.CLOUD_NETWORKING)
          .severity(Severity.HIGH)
          .rationale(
              "A node with a public address exposes the kubelet, SSH, NodePorts and anything on hostNetwork to the internet; a firewall mistake or a new kubelet vulnerability is then directly exploitable.")
          .remediation(
              "Keep nodes on private addresses: AKS enableNodePublicIP false (Terraform node_public_ip_enabled = false), GKE private nodes (privateClusterConfig.enablePrivateNodes), and reach the internet through NAT.")
          .references(
              "https://learn.microsoft.com/azure/aks/use-node-public-ips",
              "https://cloud.google.com/kubernetes-engine/docs/how-to/private-clusters",
              "MCSB NS-2")
          .frameworks(
              Frameworks.NONE
                  .withCis("AKS 5.4.3", "GKE 5.6.5")
                  .withMitre("T1133")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    for (CloudCluster.NodePool pool : c.nodePools()) {
      Setting ip = pool.setting("publicIp");
      if (ip.isTrue()) {
        problems.add(ip.describe());
      }
    }
  }

  @Override
  protected void gke(CloudCluster c, RuleContext context, List<String> problems) {
    Setting privateNodes = c.setting("privateNodes");
    if (c.setting("autopilot").isTrue() && privateNodes.isUnset()
        || privateNodes.isTrue()
        || privateNodes.unknown()) {
      return;
    }
    boolean allPoolsPrivate = !c.nodePools().isEmpty();
    for (CloudCluster.NodePool pool : c.nodePools()) {
      allPoolsPrivate &= pool.setting("privateNodes").isTrue();
    }
    if (!allPoolsPrivate) {
      problems.add(privateNodes.describe());
    }
  }
}
