package dev.kube4c.rules.rbac;

import dev.kube4c.rbac.Binding;
import dev.kube4c.rbac.PolicyRule;
import dev.kube4c.rbac.RbacChecks;
import dev.kube4c.rbac.RbacModel;
import dev.kube4c.rbac.Role;
import dev.kube4c.rbac.SourcedRule;
import dev.kube4c.rbac.Subject;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.Scope;
import dev.kube4c.rules.Severity;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rule about one dangerous permission. Findings go on the binding that grants it: the binding is
 * what turns a role into someone's permission, it is what one changes (a built-in role like {@code
 * edit} cannot be edited), and exceptions name it. Roles bound by nobody grant nothing and are not
 * reported; Kubernetes' own bootstrap bindings and control-plane {@code system:} subjects are
 * skipped. A binding of a full {@code *}/{@code *}/{@code *} role is left to
 * rbac-cluster-admin-binding, so that it is reported once rather than by every rule.
 */
abstract class PermissionRule implements Rule {

  /** What the rule looks for, e.g. {@code create on pods/exec or pods/attach}. */
  protected abstract String permission();

  /**
   * True when the rule, through a binding of this scope, grants the permission (results are cached
   * per role and scope).
   */
  protected abstract boolean grants(PolicyRule rule, Binding binding);

  /** The severity of a finding on this binding; null for the rule's default. */
  protected Severity severity(Binding binding) {
    return null;
  }

  @Override
  public final Scope scope() {
    return Scope.CLUSTER; // the RBAC model joins bindings, roles and pods across namespaces
  }

  @Override
  public final void check(RuleContext context, FindingSink sink) {
    RbacModel model = RbacModel.of(context.inventory());
    // What a role grants depends only on the role and the binding's scope: many bindings share
    // a role (edit, view, an operator's ClusterRole), so each pair is evaluated once.
    Map<Role, List<SourcedRule>> clusterWide = new IdentityHashMap<>();
    Map<Role, List<SourcedRule>> namespaced = new IdentityHashMap<>();
    for (Binding binding : model.bindings()) {
      List<Subject> subjects = RbacText.reportable(binding);
      Optional<Role> role = model.roleOf(binding);
      if (model.isBuiltIn(binding)
          || subjects.isEmpty()
          || role.isEmpty()
          || RbacChecks.isFullAdmin(role.get())) {
        continue;
      }
      List<SourcedRule> matching =
          (binding.isClusterWide() ? clusterWide : namespaced)
              .computeIfAbsent(
                  role.get(),
                  r -> r.rules().stream().filter(rule -> grants(rule.rule(), binding)).toList());
      if (!matching.isEmpty()) {
        sink.report(
            binding.resource(),
            binding.display()
                + " grants "
                + permission()
                + " "
                + binding.scopeText()
                + " to "
                + RbacText.subjects(model, subjects)
                + " through "
                + RbacText.rules(role.get(), matching),
            severity(binding));
      }
    }
  }
}
