package dev.kube4c.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.engine.Scanner;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.findings.Suppressed;
import dev.kube4c.inventory.ClusterScope;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.PartitionedInventory;
import dev.kube4c.inventory.Resource;
import dev.kube4c.source.Document;
import dev.kube4c.source.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The oracle for scans held one namespace at a time: the same objects scanned in one inventory and
 * through a {@link PartitionedInventory} must give the same findings, suppressions and errors.
 */
public final class PartitionedOracle {

  public static final Location SOURCE = Location.ofSource("cluster/test");

  private PartitionedOracle() {}

  /** Both scans of one set of objects. */
  public record Outcome(ScanResult whole, ScanResult parts) {

    /** What one scan reported and the other did not, as lines; empty when they agree. */
    public List<String> differences() {
      List<String> differences = new ArrayList<>();
      compare("finding", findings(whole), findings(parts), differences);
      compare("suppressed", suppressed(whole), suppressed(parts), differences);
      compare(
          "error",
          whole.errors().stream().map(Object::toString).toList(),
          parts.errors().stream().map(Object::toString).toList(),
          differences);
      if (whole.rulesEvaluated() != parts.rulesEvaluated()) {
        differences.add(
            "rules evaluated: " + whole.rulesEvaluated() + " whole, " + parts.rulesEvaluated());
      }
      return differences;
    }

    private static List<String> findings(ScanResult result) {
      return FindingLines.of(result.findings());
    }

    private static List<String> suppressed(ScanResult result) {
      return FindingLines.of(result.suppressed().stream().map(Suppressed::finding).toList());
    }

    private static void compare(
        String what, List<String> whole, List<String> parts, List<String> differences) {
      if (!whole.equals(parts)) {
        List<String> onlyWhole = new ArrayList<>(whole);
        parts.forEach(onlyWhole::remove);
        List<String> onlyParts = new ArrayList<>(parts);
        whole.forEach(onlyParts::remove);
        onlyWhole.forEach(line -> differences.add(what + " only in one inventory: " + line));
        onlyParts.forEach(line -> differences.add(what + " only one namespace at a time: " + line));
        if (onlyWhole.isEmpty() && onlyParts.isEmpty()) {
          differences.add(what + "s in another order");
        }
      }
    }
  }

  /** Scans the objects both ways; each scan gets its own copies. */
  public static Outcome compare(Scanner scanner, ScanRequest request, List<ObjectNode> objects) {
    List<Document> documents =
        objects.stream().map(o -> new Document(o.deepCopy(), SOURCE)).toList();
    ScanResult whole =
        scanner.scan(Inventory.of(documents, List.of()), request, List.of(), List.of(), List.of());
    try (PartitionedInventory cluster = partitioned(objects)) {
      return new Outcome(
          whole, scanner.scanPartitioned(cluster, request, List.of(), List.of(), List.of()));
    }
  }

  public static PartitionedInventory partitioned(List<ObjectNode> objects) {
    PartitionedInventory.Builder builder = PartitionedInventory.builder();
    objects.forEach(o -> builder.add(o.deepCopy(), SOURCE));
    return builder.build(List.of());
  }

  /**
   * The documents' objects as a cluster holds them: one per kind, namespace and name, the first.
   * Fixture files reuse names, so with {@code perFile} each file's objects get a namespace (or
   * cluster-scoped name) of their own, as grow-corpus.py does.
   */
  public static List<ObjectNode> clusterObjects(List<Document> documents, boolean perFile) {
    Set<String> seen = new HashSet<>();
    List<ObjectNode> objects = new ArrayList<>();
    Map<String, Integer> files = new HashMap<>();
    for (Document document : documents) {
      if (perFile && document.tree().get("metadata") instanceof ObjectNode metadata) {
        String suffix = "-f" + files.computeIfAbsent(document.location().file(), k -> files.size());
        if (ClusterScope.isClusterScoped(document.tree().path("kind").asText())) {
          metadata.put("name", metadata.path("name").asText() + suffix);
        } else {
          metadata.put("namespace", metadata.path("namespace").asText("default") + suffix);
        }
      }
      Resource resource =
          Inventory.of(List.of(new Document(document.tree().deepCopy(), SOURCE)), List.of())
              .resources()
              .get(0);
      String namespace = resource.isClusterScoped() ? "" : resource.effectiveNamespace();
      if (seen.add(resource.kind() + "/" + namespace + "/" + resource.name())) {
        objects.add(document.tree());
      }
    }
    return objects;
  }
}
