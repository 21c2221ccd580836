package dev.kube4c.rules.cluster;

import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.NamespaceRule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import java.util.List;

/**
 * A namespace that runs workloads but has no object of a guarding kind (LimitRange, ResourceQuota).
 */
abstract class NamespaceObjectMissing extends NamespaceRule {

  private final String kind;
  private final RuleMetadata metadata;

  NamespaceObjectMissing(String kind, RuleMetadata metadata) {
    this.kind = kind;
    this.metadata = metadata;
  }

  @Override
  public RuleMetadata metadata() {
    return metadata;
  }

  @Override
  protected void check(
      String namespace, List<Workload> workloads, RuleContext context, NamespaceSink sink) {
    boolean present =
        context.inventory().ofKind(kind).stream()
            .anyMatch(r -> namespace.equals(r.effectiveNamespace()));
    if (!present) {
      sink.report(
          "namespace "
              + namespace
              + " runs "
              + workloads.size()
              + " workload(s) and has no "
              + kind,
          null);
    }
  }
}
