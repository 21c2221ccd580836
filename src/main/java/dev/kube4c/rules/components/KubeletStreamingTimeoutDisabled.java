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

/** CIS 4.2.5: kubelet streaming connections never time out. */
public final class KubeletStreamingTimeoutDisabled extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("kubelet-streaming-timeout-disabled")
          .title("Kubelet streaming connections never time out")
          .area(Area.COMPONENTS)
          .severity(Severity.LOW)
          .rationale(
              "With the streaming idle timeout at 0, idle exec, attach and port-forward sessions stay open forever, holding resources and leaving forgotten sessions usable.")
          .remediation(
              "Set streamingConnectionIdleTimeout to a finite duration such as 5m (or --streaming-connection-idle-timeout=5m).")
          .references("https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/")
          .frameworks(Frameworks.NONE.withCis("4.2.5").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public KubeletStreamingTimeoutDisabled() {
    super(Component.KUBELET);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    FlagValue timeout =
        config.kubelet(
            "streaming-connection-idle-timeout",
            "streamingConnectionIdleTimeout",
            "4h0m0s",
            "4h0m0s");
    if (timeout.value().matches("0+[a-z]*")) {
      problems.add(timeout.describe());
    }
  }
}
