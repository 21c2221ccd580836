package dev.kube4c.rules;

import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.ResourceRef;
import dev.kube4c.inventory.Workload;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rule about each namespace that runs workloads. Findings go on the Namespace object when it is
 * in the input, otherwise on a {@code Namespace/<name>} reference without a file location.
 */
public abstract class NamespaceRule implements Rule {

  @Override
  public final void check(RuleContext context, FindingSink sink) {
    Inventory inventory = context.inventory();
    for (Map.Entry<String, List<Workload>> entry : inventory.workloadsByNamespace().entrySet()) {
      check(
          entry.getKey(),
          entry.getValue(),
          context,
          new NamespaceSink(inventory, entry.getKey(), sink));
    }
  }

  protected abstract void check(
      String namespace, List<Workload> workloads, RuleContext context, NamespaceSink sink);

  /** Reports on the namespace, wherever it is known from. */
  public static final class NamespaceSink {
    private final String namespace;
    private final Optional<Resource> object;
    private final FindingSink sink;

    NamespaceSink(Inventory inventory, String namespace, FindingSink sink) {
      this.namespace = namespace;
      this.object = inventory.find("Namespace", null, namespace);
      this.sink = sink;
    }

    public void report(String message, Severity severity) {
      if (object.isPresent()) {
        sink.report(object.get(), message, severity);
      } else {
        sink.report(ResourceRef.namespace(namespace), null, message, severity);
      }
    }
  }
}
