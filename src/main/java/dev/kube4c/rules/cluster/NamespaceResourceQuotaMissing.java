package dev.kube4c.rules.cluster;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/**
 * A ResourceQuota bounds what one namespace (one team, one tenant, one compromised CI token) can
 * consume.
 */
public final class NamespaceResourceQuotaMissing extends NamespaceObjectMissing {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("namespace-resourcequota-missing")
          .title("Namespace without a ResourceQuota")
          .area(Area.QOS)
          .severity(Severity.LOW)
          .rationale(
              "Without a ResourceQuota a namespace can create pods, services and storage until the cluster is exhausted, so one runaway deployment or attacker with create rights starves every other tenant.")
          .remediation(
              "Add a ResourceQuota to the namespace bounding requests.cpu, requests.memory, limits.memory and object counts such as pods.")
          .references("https://kubernetes.io/docs/concepts/policy/resource-quotas/")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Pod security: hardening container environments")
                  .withMitre("T1499")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .notAtAdmission()
          .build();

  public NamespaceResourceQuotaMissing() {
    super("ResourceQuota", METADATA);
  }
}
