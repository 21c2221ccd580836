package dev.kube4c.engine;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a scan's time went, for {@code scan --profile-rules}: each rule's wall and CPU time and
 * findings, and the stages around them. A value shared through {@code Inventory.derived} (the RBAC
 * model, Pod Security verdicts) is charged to the rule that asked for it first.
 */
public final class RuleProfile {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private record Timing(long wallNanos, long cpuNanos, int findings) {}

  private final Map<String, Timing> rules = new ConcurrentHashMap<>();
  private final Map<String, Long> stages = new ConcurrentHashMap<>();

  /** What {@link #start()} returns and {@link #rule} and {@link #stage} take. */
  public record Mark(long wallNanos, long cpuNanos) {}

  public Mark start() {
    return new Mark(System.nanoTime(), THREADS.getCurrentThreadCpuTime());
  }

  void rule(String id, Mark start, int findings) {
    long wall = System.nanoTime() - start.wallNanos();
    long cpu = THREADS.getCurrentThreadCpuTime() - start.cpuNanos();
    rules.merge(
        id,
        new Timing(wall, cpu, findings),
        (a, b) ->
            new Timing(
                a.wallNanos() + b.wallNanos(),
                a.cpuNanos() + b.cpuNanos(),
                a.findings() + b.findings()));
  }

  /** Wall time of one stage of the scan (read and parse, inventory, rules, report). */
  public void stage(String name, Mark start) {
    stages.merge(name, System.nanoTime() - start.wallNanos(), Long::sum);
  }

  /** Wall time of a stage that ended at {@code end}. */
  public void stage(String name, Mark start, Mark end) {
    stages.merge(name, end.wallNanos() - start.wallNanos(), Long::sum);
  }

  /** The stages in the order they ran, then the rules by CPU time, heaviest first. */
  public void print(PrintWriter out) {
    out.println("stage                                      wall ms");
    stages.entrySet().stream()
        .sorted(Map.Entry.comparingByValue(Comparator.reverseOrder()))
        .forEach(e -> out.printf("%-40s %10.1f%n", e.getKey(), e.getValue() / 1e6));
    List<Map.Entry<String, Timing>> sorted = new ArrayList<>(rules.entrySet());
    sorted.sort(
        Comparator.comparingLong((Map.Entry<String, Timing> e) -> e.getValue().cpuNanos())
            .reversed()
            .thenComparing(Map.Entry::getKey));
    long totalCpu = sorted.stream().mapToLong(e -> e.getValue().cpuNanos()).sum();
    out.println();
    out.printf("%-40s %10s %10s %6s %9s%n", "rule", "cpu ms", "wall ms", "cpu %", "findings");
    for (Map.Entry<String, Timing> e : sorted) {
      Timing t = e.getValue();
      out.printf(
          "%-40s %10.1f %10.1f %5.1f%% %9d%n",
          e.getKey(),
          t.cpuNanos() / 1e6,
          t.wallNanos() / 1e6,
          totalCpu == 0 ? 0.0 : 100.0 * t.cpuNanos() / totalCpu,
          t.findings());
    }
    out.printf("%-40s %10.1f%n", "all rules (CPU)", totalCpu / 1e6);
    out.flush();
  }
}
