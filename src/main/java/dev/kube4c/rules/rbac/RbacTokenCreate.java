package dev.kube4c.rules.rbac;

import dev.kube4c.rbac.Binding;
import dev.kube4c.rbac.PolicyRule;
import dev.kube4c.rbac.RbacChecks;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** Minting a ServiceAccount token is acting as that ServiceAccount. */
public final class RbacTokenCreate extends PermissionRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("rbac-token-create")
          .title("Subject can create ServiceAccount tokens")
          .area(Area.AUTHORIZATION)
          .severity(Severity.HIGH)
          .rationale(
              "create on serviceaccounts/token issues tokens (TokenRequest) for the ServiceAccounts it covers, so the caller holds their permissions, possibly for a long time.")
          .remediation(
              "Remove serviceaccounts/token create, or restrict it with resourceNames to the one ServiceAccount that a controller must mint tokens for.")
          .references(
              "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#token-request")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.1.13")
                  .withNsa("Authentication and authorization: RBAC least privilege")
                  .withMitre("T1528")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected String permission() {
    return "create on serviceaccounts/token";
  }

  @Override
  protected boolean grants(PolicyRule rule, Binding binding) {
    return RbacChecks.allows(
        rule, binding, List.of("create"), "", "serviceaccounts", "token", true);
  }
}
