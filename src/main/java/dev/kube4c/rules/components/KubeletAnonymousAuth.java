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

/** CIS 4.2.1: kubelet accepts anonymous requests. */
public final class KubeletAnonymousAuth extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("kubelet-anonymous-auth")
          .title("Kubelet accepts anonymous requests")
          .area(Area.AUTHENTICATION)
          .severity(Severity.CRITICAL)
          .rationale(
              "An anonymous kubelet API lets anyone who reaches port 10250 list pods and, unless authorization stops it, exec into containers and read their logs: a direct path to node and cluster compromise.")
          .remediation(
              "Set authentication.anonymous.enabled: false in the KubeletConfiguration (or --anonymous-auth=false).")
          .references(
              "https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/",
              "https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/")
          .frameworks(Frameworks.NONE.withCis("4.2.1").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public KubeletAnonymousAuth() {
    super(Component.KUBELET);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    FlagValue anonymous =
        config.kubelet("anonymous-auth", "authentication.anonymous.enabled", "false", "true");
    if (!anonymous.isFalse()) {
      problems.add(anonymous.describe());
    }
  }
}
