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

/**
 * Every pod that names no ServiceAccount runs as {@code default}; permissions given to it (or to
 * the system:serviceaccounts groups, which contain it) reach all of them.
 */
public final class RbacDefaultServiceAccountBound implements Rule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("rbac-default-service-account-bound")
          .title("Default ServiceAccount receives permissions")
          .area(Area.AUTHORIZATION)
          .severity(Severity.MEDIUM)
          .rationale(
              "Pods without serviceAccountName run as the namespace's default ServiceAccount. Permissions bound to it silently reach every such pod, present and future.")
          .remediation(
              "Create a dedicated ServiceAccount for the workload that needs the permissions, bind the role to it, and leave default without bindings.")
          .references(
              "https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.1.5")
                  .withNsa("Authentication and authorization: RBAC least privilege")
                  .withMitre("T1078")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .notAtAdmission()
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
      List<Subject> defaults =
          binding.subjects().stream()
              .filter(
                  s ->
                      (s.isServiceAccount() && s.name().equals("default"))
                          || s.isServiceAccountGroup())
              .distinct()
              .toList();
      Optional<Role> role = model.roleOf(binding);
      if (model.isBuiltIn(binding)
          || defaults.isEmpty()
          || (role.isPresent() && role.get().rules().isEmpty())) {
        continue;
      }
      String what =
          role.map(Role::describe)
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
              + RbacText.subjects(model, defaults)
              + "; every pod without its own serviceAccountName runs as default and holds it");
    }
  }
}
