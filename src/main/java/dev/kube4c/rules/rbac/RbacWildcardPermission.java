package dev.kube4c.rules.rbac;

import dev.kube4c.rbac.Binding;
import dev.kube4c.rbac.PolicyRule;
import dev.kube4c.rbac.RbacModel;
import dev.kube4c.rbac.Role;
import dev.kube4c.rbac.SourcedRule;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Scope;
import dev.kube4c.rules.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * A wildcard is a property of the role as written, so this finding goes on the Role or ClusterRole
 * (bound or not: a wildcard also grants whatever resources are added to the API later). Kubernetes'
 * own roles and the controller-filled rules of aggregated roles are skipped.
 */
public final class RbacWildcardPermission implements Rule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("rbac-wildcard-permission")
          .title("Role grants wildcard verbs, resources or API groups")
          .area(Area.AUTHORIZATION)
          .severity(Severity.HIGH)
          .rationale(
              "A * in verbs, resources or apiGroups grants far more than anyone reviewed, including escalate, bind and impersonate, Secrets, and resources that later releases and CRDs add to the API.")
          .remediation("List the verbs, API groups and resources the subject needs explicitly.")
          .references(
              "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.1.3")
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
    for (Role role : model.scannedRoles()) {
      if (role.isBuiltIn() || role.aggregated()) {
        continue;
      }
      List<String> wildcards = new ArrayList<>();
      for (SourcedRule rule : role.rules()) {
        if (rule.origin().equals(role.display()) && hasWildcard(rule.rule())) {
          wildcards.add("rules[" + rule.index() + "] (" + rule.rule().describe() + ")");
        }
      }
      if (!wildcards.isEmpty()) {
        sink.report(
            role.resource(),
            role.display() + " " + RbacText.limited(wildcards) + "; " + boundTo(model, role));
      }
    }
  }

  private static boolean hasWildcard(PolicyRule rule) {
    return rule.verbs().contains(PolicyRule.ALL)
        || rule.apiGroups().contains(PolicyRule.ALL)
        || rule.resources().contains(PolicyRule.ALL);
  }

  private static String boundTo(RbacModel model, Role role) {
    List<String> bound = new ArrayList<>();
    for (Binding binding : model.bindingsOf(role)) {
      bound.add(
          binding.display()
              + " → "
              + (binding.subjects().isEmpty()
                  ? "no subjects"
                  : RbacText.subjects(model, binding.subjects())));
    }
    return bound.isEmpty() ? "no scanned binding uses it" : "bound by " + RbacText.limited(bound);
  }
}
