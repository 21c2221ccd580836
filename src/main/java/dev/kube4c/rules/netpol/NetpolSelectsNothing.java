package dev.kube4c.rules.netpol;

import dev.kube4c.inventory.Labels;
import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.ResourceRule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** A policy that selects nothing protects nothing, usually because of a label typo. */
public final class NetpolSelectsNothing extends ResourceRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("netpol-selects-nothing")
          .title("NetworkPolicy selects no known workload")
          .area(Area.NETWORK_POLICIES)
          .severity(Severity.INFO)
          .rationale(
              "A NetworkPolicy whose podSelector matches none of the namespace's workloads has no effect; it is often a label typo that leaves the intended pods unprotected. Judged only when the namespace's workloads are in the input.")
          .remediation(
              "Fix the podSelector to match the intended pod labels, or delete the stale policy.")
          .references("https://kubernetes.io/docs/concepts/services-networking/network-policies/")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Network separation and hardening")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .notAtAdmission()
          .build();

  public NetpolSelectsNothing() {
    super("NetworkPolicy");
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Resource policy, RuleContext context, FindingSink sink) {
    var selector = policy.spec().path("podSelector");
    List<Workload> workloads =
        context
            .inventory()
            .workloadsByNamespace()
            .getOrDefault(policy.effectiveNamespace(), List.of());
    if (workloads.isEmpty() || !selector.isObject() || selector.isEmpty()) {
      return;
    }
    if (workloads.stream().noneMatch(w -> Labels.labelSelectorMatches(selector, w.podLabels()))) {
      sink.report(
          policy,
          "spec.podSelector "
              + selector
              + " matches none of the "
              + workloads.size()
              + " workload(s) in namespace "
              + policy.effectiveNamespace());
    }
  }
}
