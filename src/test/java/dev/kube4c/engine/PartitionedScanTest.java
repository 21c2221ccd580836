package dev.kube4c.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.config.Config;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.findings.Suppressed;
import dev.kube4c.inventory.ClusterScope;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.PartitionedInventory;
import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.source.Document;
import dev.kube4c.source.Location;
import dev.kube4c.source.SourceLoader;
import dev.kube4c.testing.FindingLines;
import dev.kube4c.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A cluster held a namespace at a time must give exactly the findings of the same objects held in
 * one inventory: every rule, cross-namespace ones included. Checked on every rule fixture and on
 * the real-world corpus, taken as clusters (one object per kind, namespace and name; one source).
 */
class PartitionedScanTest {

  private static final Scanner SCANNER = new Scanner(RuleCatalogue.builtIn());
  private static final Location SOURCE = Location.ofSource("cluster/test");
  private static final ScanRequest REQUEST =
      new ScanRequest(
          Config.DEFAULT.withPss("restricted", "latest"), null, null, null, Fixtures.TODAY);

  @Test
  void ruleFixturesGiveTheSameFindingsAsOneInventory() {
    assertSameFindings(clusterObjects(Path.of("src/test/resources/rules"), true), 500);
  }

  @Test
  void eachRuleFixtureFileGivesTheSameFindingsAsOneInventory() throws java.io.IOException {
    List<Path> files;
    try (java.util.stream.Stream<Path> walk =
        java.nio.file.Files.walk(Path.of("src/test/resources/rules"))) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files.size()).isGreaterThan(200);
    int withFindings = 0;
    for (Path file : files) {
      List<ObjectNode> objects = clusterObjects(file, false);
      if (!objects.isEmpty()) {
        withFindings += assertSameFindings(objects, -1) > 0 ? 1 : 0;
      }
    }
    assertThat(withFindings).isGreaterThan(150);
  }

  @Test
  void theCorpusGivesTheSameFindingsAsOneInventory() {
    assertSameFindings(clusterObjects(Fixtures.shared("corpus"), false), 2000);
  }

  @Test
  void eachNamespaceIsReadBackOnItsOwn() {
    try (PartitionedInventory cluster =
        partitioned(clusterObjects(Path.of("src/test/resources/rules"), true))) {
      assertThat(cluster.namespaces()).hasSizeGreaterThan(5);
      assertThat(cluster.spilledBytes()).isPositive();
      for (String namespace : cluster.namespaces()) {
        Inventory part = cluster.namespace(namespace);
        assertThat(part.clusterWide()).isSameAs(cluster.clusterWide());
        assertThat(part.resources())
            .allSatisfy(
                r ->
                    assertThat(r.kind().equals("Namespace") ? r.name() : r.effectiveNamespace())
                        .isEqualTo(namespace));
      }
      assertThat(cluster.clusterScoped().resources())
          .allSatisfy(
              r -> assertThat(r.isClusterScoped() && !r.kind().equals("Namespace")).isTrue());
    }
  }

  @Test
  void workloadsLeaveOnlyASkeletonInTheIndex() {
    try (PartitionedInventory cluster =
        partitioned(clusterObjects(Path.of("src/test/resources/rules"), true))) {
      assertThat(cluster.clusterWide().workloads()).isNotEmpty();
      assertThat(cluster.clusterWide().workloads())
          .allSatisfy(
              w -> {
                assertThat(w.podSpec().has("volumes")).isFalse();
                w.containers()
                    .forEach(
                        c ->
                            assertThat(c.node().has("env") || c.node().has("securityContext"))
                                .isFalse());
              });
      assertThat(cluster.clusterWide().ofKind("ConfigMap")).isEmpty();
      assertThat(cluster.clusterWide().ofKind("Service"))
          .isNotEmpty()
          .allSatisfy(
              s -> assertThat(s.object().path("metadata").has("ownerReferences")).isFalse());
    }
  }

  /** Returns the number of findings, which must exceed {@code atLeast}. */
  private static int assertSameFindings(List<ObjectNode> objects, int atLeast) {
    assertThat(objects.size()).isGreaterThan(atLeast);
    List<Document> documents =
        objects.stream().map(o -> new Document(o.deepCopy(), SOURCE)).toList();
    ScanResult whole =
        SCANNER.scan(Inventory.of(documents, List.of()), REQUEST, List.of(), List.of(), List.of());
    ScanResult parts;
    try (PartitionedInventory cluster = partitioned(objects)) {
      parts = SCANNER.scanPartitioned(cluster, REQUEST, List.of(), List.of(), List.of());
    }
    assertThat(whole.findings().size()).isGreaterThan(atLeast);
    assertThat(lines(parts.findings()))
        .as("findings of %s objects", objects.size())
        .containsExactlyElementsOf(lines(whole.findings()));
    assertThat(lines(parts.suppressed().stream().map(Suppressed::finding).toList()))
        .containsExactlyElementsOf(
            lines(whole.suppressed().stream().map(Suppressed::finding).toList()));
    assertThat(parts.resources()).isEqualTo(whole.resources());
    assertThat(parts.rulesEvaluated()).isEqualTo(whole.rulesEvaluated());
    assertThat(parts.errors()).isEqualTo(whole.errors());
    return whole.findings().size();
  }

  private static PartitionedInventory partitioned(List<ObjectNode> objects) {
    PartitionedInventory.Builder builder = PartitionedInventory.builder();
    objects.forEach(o -> builder.add(o.deepCopy(), SOURCE));
    return builder.build(List.of());
  }

  /**
   * The objects under {@code input} as a cluster holds them: one per kind, namespace and name.
   * Fixture files reuse names, so with {@code perFile} each file's objects get a namespace (or
   * cluster-scoped name) of their own, as in ClusterObjects.
   */
  private static List<ObjectNode> clusterObjects(Path input, boolean perFile) {
    SourceLoader.Loaded loaded =
        new SourceLoader(new ByteArrayInputStream(new byte[0])).load(List.of(input.toString()));
    Set<String> seen = new HashSet<>();
    List<ObjectNode> objects = new ArrayList<>();
    java.util.Map<String, Integer> files = new java.util.HashMap<>();
    for (Document document : loaded.documents()) {
      if (perFile && document.tree().get("metadata") instanceof ObjectNode metadata) {
        String suffix = "-f" + files.computeIfAbsent(document.location().file(), k -> files.size());
        String kind = document.tree().path("kind").asText();
        if (ClusterScope.isClusterScoped(kind)) {
          metadata.put("name", metadata.path("name").asText() + suffix);
        } else {
          metadata.put("namespace", metadata.path("namespace").asText("default") + suffix);
        }
      }
      Resource resource =
          Inventory.of(List.of(new Document(document.tree().deepCopy(), SOURCE)), List.of())
              .resources()
              .get(0);
      String namespace =
          ClusterScope.isClusterScoped(resource.kind()) ? "" : resource.effectiveNamespace();
      if (seen.add(resource.kind() + "/" + namespace + "/" + resource.name())) {
        objects.add(document.tree());
      }
    }
    return objects;
  }

  private static List<String> lines(List<Finding> findings) {
    return FindingLines.of(findings);
  }
}
