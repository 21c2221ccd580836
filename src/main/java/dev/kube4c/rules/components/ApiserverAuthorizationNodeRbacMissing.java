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

/** CIS 1.2.7, 1.2.8: aPI server authorization lacks Node or RBAC. */
public final class ApiserverAuthorizationNodeRbacMissing extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("apiserver-authorization-node-rbac-missing")
          .title("API server authorization lacks Node or RBAC")
          .area(Area.AUTHORIZATION)
          .severity(Severity.HIGH)
          .rationale(
              "The Node authorizer limits each kubelet to the objects of its own pods, and RBAC is the only fine-grained built-in authorizer; without them kubelets can read every Secret and permissions cannot follow least privilege.")
          .remediation("Set --authorization-mode=Node,RBAC on kube-apiserver.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/",
              "https://kubernetes.io/docs/reference/access-authn-authz/node/")
          .frameworks(
              Frameworks.NONE.withCis("1.2.7", "1.2.8").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ApiserverAuthorizationNodeRbacMissing() {
    super(Component.APISERVER);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    if (config.flag("authorization-config").isPresent()) {
      return;
    }
    FlagValue mode = flag(config, "authorization-mode", "AlwaysAllow");
    java.util.Set<String> modes = list(mode.value());
    List<String> missing =
        List.of("Node", "RBAC").stream().filter(m -> !modes.contains(m)).toList();
    if (!missing.isEmpty()) {
      problems.add(mode.describe() + ", without " + String.join(" and ", missing));
    }
  }
}
