package dev.kube4c.rules.components;

import dev.kube4c.components.Component;
import dev.kube4c.components.ComponentConfig;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** CIS 1.2.2: aPI server accepts static tokens from a file. */
public final class ApiserverTokenAuthFile extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("apiserver-token-auth-file")
          .title("API server accepts static tokens from a file")
          .area(Area.AUTHENTICATION)
          .severity(Severity.HIGH)
          .rationale(
              "Static token files hold long-lived bearer tokens in clear text on the control-plane disk; they cannot be rotated without restarting the API server and are not tied to any identity provider.")
          .remediation(
              "Remove --token-auth-file and use client certificates, service account tokens or OIDC for authentication.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/",
              "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#static-token-file")
          .frameworks(Frameworks.NONE.withCis("1.2.2").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ApiserverTokenAuthFile() {
    super(Component.APISERVER);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    config.flag("token-auth-file").ifPresent(f -> problems.add(f.describe()));
  }
}
