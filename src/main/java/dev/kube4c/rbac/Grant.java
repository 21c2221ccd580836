package dev.kube4c.rbac;

/** One path by which a subject holds a permission: binding → role → rule. */
public record Grant(Subject subject, Binding binding, Role role, SourcedRule rule) {

  /**
   * {@code RoleBinding/ns/b → ClusterRole/edit → ClusterRole/system:aggregate-to-edit rules[2]}.
   */
  public String path() {
    String rulePath =
        rule.origin().equals(role.display()) ? "rules[" + rule.index() + "]" : "via " + rule.path();
    return binding.display() + " → " + role.describe() + " " + rulePath;
  }
}
