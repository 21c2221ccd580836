package dev.kube4c.rules;

import dev.kube4c.inventory.Workload;

/** A rule that looks at each workload's pod spec as a whole. */
public abstract class WorkloadRule implements Rule {

  @Override
  public final void check(RuleContext context, FindingSink sink) {
    for (Workload workload : context.inventory().workloads()) {
      check(workload, context, sink);
    }
  }

  protected abstract void check(Workload workload, RuleContext context, FindingSink sink);
}
