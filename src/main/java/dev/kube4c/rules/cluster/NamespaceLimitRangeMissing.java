package dev.kube4c.rules.cluster;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/**
 * A LimitRange gives every container defaults, so a forgotten resources block is not BestEffort.
 */
public final class NamespaceLimitRangeMissing extends NamespaceObjectMissing {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("namespace-limitrange-missing")
          .title("Namespace without a LimitRange")
          .area(Area.QOS)
          .severity(Severity.LOW)
          .rationale(
              "Without a LimitRange, containers that omit resources run unbounded and BestEffort; a LimitRange supplies default requests and limits and caps what one container may ask for.")
          .remediation(
              "Add a LimitRange to the namespace with default and defaultRequest values for cpu and memory, and a max.")
          .references("https://kubernetes.io/docs/concepts/policy/limit-range/")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Pod security: hardening container environments")
                  .withMitre("T1499")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .notAtAdmission()
          .build();

  public NamespaceLimitRangeMissing() {
    super("LimitRange", METADATA);
  }
}
