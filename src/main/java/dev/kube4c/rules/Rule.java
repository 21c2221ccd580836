package dev.kube4c.rules;

/**
 * One check of the catalogue: its metadata and its logic. Implementations are small, stateless
 * classes registered in {@code META-INF/services/dev.kube4c.rules.Rule}; most extend {@link
 * ContainerRule}, {@link WorkloadRule} or {@link ResourceRule} rather than this directly.
 */
public interface Rule {

  RuleMetadata metadata();

  /** Reports every problem of this kind in the scan; must not throw for odd but valid input. */
  void check(RuleContext context, FindingSink sink);

  /** False for rules that only run on request (e.g. Pod Security Standards without a level). */
  default boolean isActive(RuleContext context) {
    return true;
  }

  /**
   * Whether one object (and container) may carry several findings of this rule, told apart by their
   * messages (image-vulnerable: one per advisory). Other rules keep the first message only.
   */
  default boolean findingPerMessage() {
    return false;
  }

  /** How much of a cluster the rule reads at once; most rules look at one namespace. */
  default Scope scope() {
    return Scope.NAMESPACE;
  }
}
