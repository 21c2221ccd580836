package dev.kube4c.rules;

import dev.kube4c.inventory.Container;
import dev.kube4c.inventory.Workload;

/**
 * A rule that looks at each container of each workload (init and ephemeral containers included).
 */
public abstract class ContainerRule implements Rule {

  @Override
  public final void check(RuleContext context, FindingSink sink) {
    for (Workload workload : context.inventory().workloads()) {
      for (Container container : workload.containers()) {
        check(workload, container, context, sink);
      }
    }
  }

  protected abstract void check(
      Workload workload, Container container, RuleContext context, FindingSink sink);
}
