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

/** CIS 4.2.2: kubelet authorizes every request. */
public final class KubeletAuthorizationAlwaysAllow extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("kubelet-authorization-always-allow")
          .title("Kubelet authorizes every request")
          .area(Area.AUTHORIZATION)
          .severity(Severity.CRITICAL)
          .rationale(
              "With AlwaysAllow any client that authenticates to the kubelet, and any anonymous one if that is on, may exec into every container on the node.")
          .remediation(
              "Set authorization.mode: Webhook in the KubeletConfiguration (or --authorization-mode=Webhook).")
          .references(
              "https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/",
              "https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/")
          .frameworks(Frameworks.NONE.withCis("4.2.2").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public KubeletAuthorizationAlwaysAllow() {
    super(Component.KUBELET);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    FlagValue mode =
        config.kubelet("authorization-mode", "authorization.mode", "Webhook", "AlwaysAllow");
    if (mode.value().equals("AlwaysAllow")) {
      problems.add(mode.describe());
    }
  }
}
