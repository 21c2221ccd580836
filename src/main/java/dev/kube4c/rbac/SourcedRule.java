package dev.kube4c.rbac;

/**
 * A policy rule with where it was written: its role (for aggregated ClusterRoles, the role it was
 * aggregated from) and its index there, so that findings can quote {@code ClusterRole/x rules[2]}.
 */
public record SourcedRule(PolicyRule rule, String origin, int index) {

  public String path() {
    return origin + " rules[" + index + "]";
  }
}
