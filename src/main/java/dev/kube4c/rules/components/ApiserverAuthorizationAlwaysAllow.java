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

/** CIS 1.2.6: aPI server authorizes every request. */
public final class ApiserverAuthorizationAlwaysAllow extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("apiserver-authorization-always-allow")
          .title("API server authorizes every request")
          .area(Area.AUTHORIZATION)
          .severity(Severity.CRITICAL)
          .rationale(
              "With AlwaysAllow every authenticated request is permitted: any service account token or user certificate is cluster-admin, and RBAC objects have no effect.")
          .remediation(
              "Set --authorization-mode to Node,RBAC (without AlwaysAllow), or use an --authorization-config file without an AlwaysAllow authorizer.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/",
              "https://kubernetes.io/docs/reference/access-authn-authz/authorization/")
          .frameworks(Frameworks.NONE.withCis("1.2.6").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ApiserverAuthorizationAlwaysAllow() {
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
    if (list(mode.value()).contains("AlwaysAllow")) {
      problems.add(mode.describe());
    }
  }
}
