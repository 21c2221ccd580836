package dev.kube4c.pss;

import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * The requested level's verdict on every workload of an inventory, in the order of {@link
 * Inventory#workloads()}. Computed once per scan and shared by the pss-* rules, so that each pod
 * template is read once for all checks rather than once per check (at 100k objects that was most of
 * what PSS cost).
 */
public final class PssVerdicts {

  private final List<PssResult> results;

  private PssVerdicts(List<PssResult> results) {
    this.results = results;
  }

  public static PssVerdicts of(Inventory inventory, PssSettings settings) {
    return inventory.derived(PssVerdicts.class, inv -> evaluate(inv, settings));
  }

  private static PssVerdicts evaluate(Inventory inventory, PssSettings settings) {
    PssEvaluator evaluator = new PssEvaluator();
    List<PssResult> results = new ArrayList<>(inventory.workloads().size());
    for (Workload workload : inventory.workloads()) {
      results.add(evaluator.evaluate(PssPod.of(workload), settings.level(), settings.version()));
    }
    return new PssVerdicts(List.copyOf(results));
  }

  /** The verdict on the {@code index}-th workload of the inventory. */
  public PssResult result(int index) {
    return results.get(index);
  }
}
