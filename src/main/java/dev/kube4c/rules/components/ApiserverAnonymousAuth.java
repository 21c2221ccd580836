package dev.kube4c.rules.components;

import dev.kube4c.components.Component;
import dev.kube4c.components.ComponentConfig;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** CIS 1.2.1: aPI server allows anonymous requests. */
public final class ApiserverAnonymousAuth extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("apiserver-anonymous-auth")
          .title("API server allows anonymous requests")
          .area(Area.AUTHENTICATION)
          .severity(Severity.HIGH)
          .rationale(
              "With anonymous authentication on, requests without credentials reach the API server as system:anonymous; any RBAC binding that mentions that user or system:unauthenticated, by mistake or by default, is open to the network.")
          .remediation(
              "Start kube-apiserver with --anonymous-auth=false (kubeadm: apiServer.extraArgs anonymous-auth: \"false\"), or restrict anonymous access to health endpoints with an AuthenticationConfiguration.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/",
              "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests")
          .frameworks(Frameworks.NONE.withCis("1.2.1").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ApiserverAnonymousAuth() {
    super(Component.APISERVER);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    requireFalse(config, problems, "anonymous-auth", "true");
  }
}
