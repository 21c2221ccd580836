package dev.kube4c.rules.components;

import dev.kube4c.inventory.Resource;
import dev.kube4c.node.NodeScan;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.ResourceRule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * CIS 1.1.x and 4.1.x: control-plane and kubelet files more permissive than allowed, or not owned
 * by root.
 */
public final class NodeConfigFilePermissions extends ResourceRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("node-config-file-permissions")
          .title("Node configuration, PKI or kubeconfig file too permissive")
          .area(Area.COMPONENTS)
          .severity(Severity.MEDIUM)
          .rationale(
              "Static Pod manifests, kubeconfigs and PKI keys on a node are cluster credentials and control-plane definitions: a local user or a container with a host mount that can read admin.conf or a CA key owns the cluster, and one that can write a manifest runs anything as the control plane.")
          .remediation(
              "chmod 600 the manifests, kubeconfigs, kubelet configuration and PKI files (700 for the etcd data directory) and chown them root:root (etcd:etcd for the etcd data directory), as CIS sections 1.1 and 4.1 ask.")
          .references(
              "https://www.cisecurity.org/benchmark/kubernetes",
              "https://kubernetes.io/docs/setup/best-practices/certificates/")
          .frameworks(
              Frameworks.NONE
                  .withCis("1.1.1-1.1.21", "4.1.1-4.1.10")
                  .withMitre("T1552.001")
                  .withCks(Frameworks.Cks.SYSTEM_HARDENING))
          .build();

  public NodeConfigFilePermissions() {
    super(NodeScan.KIND);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Resource file, RuleContext context, FindingSink sink) {
    if (!file.apiVersion().equals(NodeScan.API_VERSION)) {
      return;
    }
    var o = file.object();
    List<String> problems = new ArrayList<>();
    int mode = Integer.parseInt(o.path("mode").asText("0"), 8);
    int maxMode = Integer.parseInt(o.path("maxMode").asText("600"), 8);
    if ((mode & ~maxMode) != 0) {
      problems.add(
          "mode "
              + o.path("mode").asText()
              + " is more permissive than "
              + o.path("maxMode").asText());
    }
    if (o.path("uid").asInt() != o.path("expectedUid").asInt()
        || o.path("gid").asInt() != o.path("expectedGid").asInt()) {
      problems.add(
          "owner "
              + o.path("uid").asInt()
              + ":"
              + o.path("gid").asInt()
              + " is not "
              + o.path("expectedOwner").asText());
    }
    if (!problems.isEmpty()) {
      sink.report(
          file,
          o.path("path").asText()
              + " ("
              + o.path("what").asText()
              + ", CIS "
              + o.path("cis").asText()
              + "): "
              + String.join(", ", problems));
    }
  }
}
