package dev.kube4c.rules.rbac;

import dev.kube4c.rbac.Binding;
import dev.kube4c.rbac.RbacModel;
import dev.kube4c.rbac.Role;
import dev.kube4c.rbac.Subject;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Scope;
import dev.kube4c.rules.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Permissions for system:anonymous, system:unauthenticated or system:authenticated reach everyone.
 */
public final class RbacBroadGroupBinding implements Rule {

  /** Kubernetes' own discovery roles, which it binds to these groups itself. */
  private static final Set<String> DISCOVERY_ROLES =
      Set.of(
          "system:basic-user",
          "system:discovery",
          "system:public-info-viewer",
          "system:service-account-issuer-discovery");

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("rbac-broad-group-binding")
          .title("Permissions granted to anonymous or all authenticated users")
          .area(Area.AUTHORIZATION)
          .severity(Severity.CRITICAL)
          .rationale(
              "system:anonymous and system:unauthenticated are anyone who can reach the API server; system:authenticated is every user and every ServiceAccount token, so every compromised pod. Permissions bound to them are not access control.")
          .remediation(
              "Bind the role to the specific users, groups or ServiceAccounts that need it.")
          .references(
              "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege",
              "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.1.7")
                  .withNsa("Authentication and authorization: disable anonymous access")
                  .withMitre("T1078.001")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  public Scope scope() {
    return Scope.CLUSTER; // the RBAC model joins bindings, roles and pods across namespaces
  }

  @Override
  public void check(RuleContext context, FindingSink sink) {
    RbacModel model = RbacModel.of(context.inventory());
    for (Binding binding : model.bindings()) {
      List<Subject> broad =
          binding.subjects().stream().filter(Subject::isBroad).distinct().toList();
      if (model.isBuiltIn(binding) || broad.isEmpty()) {
        continue;
      }
      Optional<Role> role = model.roleOf(binding);
      if (role.isPresent()
          && (role.get().rules().isEmpty()
              || (role.get().isBuiltIn() && DISCOVERY_ROLES.contains(role.get().name())))) {
        continue; // grants nothing, or only what Kubernetes already grants these groups
      }
      String what =
          role.map(
                  r ->
                      r.describe()
                          + " ("
                          + r.rules().size()
                          + (r.rules().size() == 1 ? " rule)" : " rules)"))
              .orElse(
                  binding.roleKind() + "/" + binding.roleName() + " (not in the scanned files)");
      sink.report(
          binding.resource(),
          binding.display()
              + " grants "
              + what
              + " "
              + binding.scopeText()
              + " to "
              + RbacText.subjects(model, broad));
    }
  }
}
