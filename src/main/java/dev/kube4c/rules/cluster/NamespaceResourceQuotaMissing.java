package dev.kube4c.rules.cluster;

import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.NamespaceRule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/**
 * A ResourceQuota bounds what one namespace (one team, one tenant, one compromised CI token) can
 * consume.
 */
public final class NamespaceResourceQuotaMissing extends NamespaceRule {

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
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(
      String namespace, List<Workload> workloads, RuleContext context, NamespaceSink sink) {
    boolean present =
        context.inventory().ofKind("ResourceQuota").stream()
            .anyMatch(r -> namespace.equals(r.effectiveNamespace()));
    if (!present) {
      sink.report(
          "namespace "
              + namespace
              + " runs "
              + workloads.size()
              + " workload(s) and has no ResourceQuota",
          null);
    }
  }
}
