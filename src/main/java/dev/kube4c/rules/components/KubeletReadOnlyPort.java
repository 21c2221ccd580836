package dev.kube4c.rules.components;

import dev.kube4c.components.Component;
import dev.kube4c.components.ComponentConfig;
import dev.kube4c.components.FlagValue;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** CIS 4.2.4: kubelet read-only port open. */
public final class KubeletReadOnlyPort extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("kubelet-read-only-port")
          .title("Kubelet read-only port open")
          .area(Area.COMPONENTS)
          .severity(Severity.HIGH)
          .rationale(
              "The read-only port (10255) serves pod specs, environment and metrics without any authentication or authorization to anyone who can reach the node.")
          .remediation("Set readOnlyPort: 0 in the KubeletConfiguration (or --read-only-port=0).")
          .references("https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/")
          .frameworks(Frameworks.NONE.withCis("4.2.4").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public KubeletReadOnlyPort() {
    super(Component.KUBELET);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    FlagValue port = config.kubelet("read-only-port", "readOnlyPort", "0", "10255");
    if (!port.value().equals("0")) {
      problems.add(port.describe());
    }
  }
}
