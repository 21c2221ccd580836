package dev.kube4c.rbac;

import java.util.Collection;

/** Permission tests that the rbac-* rules share. */
public final class RbacChecks {

  private RbacChecks() {}

  /**
   * True when the rule, through this binding, allows one of the verbs on the resource (any name). A
   * name-restricted rule counts only when {@code countRestricted}: reading one named Secret is
   * least privilege, while impersonating one named user is still an escalation.
   */
  public static boolean allows(
      PolicyRule rule,
      Binding binding,
      Collection<String> verbs,
      String group,
      String resource,
      String subresource,
      boolean countRestricted) {
    if (rule.restrictedByName() && !countRestricted) {
      return false;
    }
    for (String verb : verbs) {
      if (Access.resource(verb, group, resource, subresource).allowedBy(rule, binding)) {
        return true;
      }
    }
    return false;
  }

  /** A rule equal to cluster-admin's first: every verb on every resource of every group. */
  public static boolean isFullAdmin(PolicyRule rule) {
    return rule.verbs().contains(PolicyRule.ALL)
        && rule.apiGroups().contains(PolicyRule.ALL)
        && rule.resources().contains(PolicyRule.ALL)
        && !rule.restrictedByName();
  }

  public static boolean isFullAdmin(Role role) {
    return role.rules().stream().anyMatch(r -> isFullAdmin(r.rule()));
  }
}
