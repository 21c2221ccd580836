package dev.kube4c.rules.rbac;

import dev.kube4c.rbac.Binding;
import dev.kube4c.rbac.PolicyRule;
import dev.kube4c.rbac.RbacChecks;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** escalate, bind and impersonate bypass RBAC's own guard against granting more than one holds. */
public final class RbacPrivilegeEscalationVerbs extends PermissionRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("rbac-privilege-escalation-verbs")
          .title("Subject can escalate, bind or impersonate")
          .area(Area.AUTHORIZATION)
          .severity(Severity.CRITICAL)
          .rationale(
              "escalate on roles lets a subject write rules it does not hold, bind lets it bind roles it does not hold, and impersonate lets it act as other users, groups or ServiceAccounts; each is a direct path to more privilege.")
          .remediation(
              "Remove escalate, bind and impersonate; where a controller needs bind, restrict it with resourceNames to the roles it hands out.")
          .references(
              "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb",
              "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.1.8")
                  .withNsa("Authentication and authorization: RBAC least privilege")
                  .withMitre("T1078", "T1098")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected String permission() {
    return "escalate, bind or impersonate";
  }

  @Override
  protected boolean grants(PolicyRule rule, Binding binding) {
    String rbac = "rbac.authorization.k8s.io";
    for (String roles : List.of("roles", "clusterroles")) {
      if (RbacChecks.allows(rule, binding, List.of("escalate", "bind"), rbac, roles, null, true)) {
        return true;
      }
    }
    for (String identity : List.of("users", "groups", "serviceaccounts")) {
      if (RbacChecks.allows(rule, binding, List.of("impersonate"), "", identity, null, true)) {
        return true;
      }
    }
    return RbacChecks.allows(
            rule, binding, List.of("impersonate"), "authentication.k8s.io", "userextras", "*", true)
        || RbacChecks.allows(
            rule, binding, List.of("impersonate"), "authentication.k8s.io", "uids", null, true);
  }
}
