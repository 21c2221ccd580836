package dev.kube4c.rules.rbac;

import dev.kube4c.rbac.Binding;
import dev.kube4c.rbac.RbacChecks;
import dev.kube4c.rbac.RbacModel;
import dev.kube4c.rbac.Role;
import dev.kube4c.rbac.SourcedRule;
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
 * Bindings of cluster-admin or of any role with a {@code *}/{@code *}/{@code *} rule. A RoleBinding
 * confines it to one namespace, so it is reported at high rather than critical.
 */
public final class RbacClusterAdminBinding implements Rule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("rbac-cluster-admin-binding")
          .title("Subject bound to cluster-admin or an equivalent role")
          .area(Area.AUTHORIZATION)
          .severity(Severity.CRITICAL)
          .rationale(
              "cluster-admin, or any role granting every verb on every resource, is full control of the cluster: all Secrets, all workloads, all RBAC. A compromised holder, or a pod running as a ServiceAccount that holds it, owns the cluster.")
          .remediation(
              "Bind a role with only the permissions needed; keep cluster-admin for break-glass identities outside day-to-day use.")
          .references(
              "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.1.1")
                  .withNsa("Authentication and authorization: RBAC least privilege")
                  .withMitre("T1078")
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
      List<Subject> subjects = RbacText.reportable(binding);
      Optional<Role> role = model.roleOf(binding);
      if (model.isBuiltIn(binding)
          || subjects.isEmpty()
          || role.isEmpty()
          || !RbacChecks.isFullAdmin(role.get())) {
        continue;
      }
      List<SourcedRule> full =
          role.get().rules().stream().filter(r -> RbacChecks.isFullAdmin(r.rule())).toList();
      sink.report(
          binding.resource(),
          binding.display()
              + " binds "
              + role.get().describe()
              + " (every verb on every resource) "
              + binding.scopeText()
              + " to "
              + RbacText.subjects(model, subjects)
              + " through "
              + RbacText.rules(role.get(), full),
          binding.isClusterWide() ? null : Severity.HIGH);
    }
  }
}
