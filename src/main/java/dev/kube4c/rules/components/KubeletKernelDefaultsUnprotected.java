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

/** CIS 4.2.6, 4.2.7: kubelet may change kernel settings or iptables chains are unmanaged. */
public final class KubeletKernelDefaultsUnprotected extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("kubelet-kernel-defaults-unprotected")
          .title("Kubelet may change kernel settings or iptables chains are unmanaged")
          .area(Area.COMPONENTS)
          .severity(Severity.LOW)
          .rationale(
              "Without protectKernelDefaults the kubelet silently changes kernel tunables that node hardening set; without makeIPTablesUtilChains the iptables rules it relies on may drift from what it expects.")
          .remediation(
              "Set protectKernelDefaults: true and keep makeIPTablesUtilChains: true in the KubeletConfiguration.")
          .references("https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/")
          .frameworks(
              Frameworks.NONE.withCis("4.2.6", "4.2.7").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public KubeletKernelDefaultsUnprotected() {
    super(Component.KUBELET);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    FlagValue protect =
        config.kubelet("protect-kernel-defaults", "protectKernelDefaults", "false", "false");
    if (!protect.isTrue()) {
      problems.add(protect.describe());
    }
    FlagValue chains =
        config.kubelet("make-iptables-util-chains", "makeIPTablesUtilChains", "true", "true");
    if (chains.isFalse()) {
      problems.add(chains.describe());
    }
  }
}
