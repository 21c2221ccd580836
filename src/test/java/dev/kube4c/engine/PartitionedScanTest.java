package dev.kube4c.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.config.Config;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.PartitionedInventory;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.source.SourceLoader;
import dev.kube4c.testing.Fixtures;
import dev.kube4c.testing.PartitionedOracle;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cluster held a namespace at a time must give exactly the findings of the same objects held in
 * one inventory: every rule, cross-namespace ones included. Checked on every rule fixture and on
 * the real-world corpus, taken as clusters (one object per kind, namespace and name; one source).
 */
class PartitionedScanTest {

  private static final Scanner SCANNER = new Scanner(RuleCatalogue.builtIn());
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
    PartitionedOracle.Outcome outcome = PartitionedOracle.compare(SCANNER, REQUEST, objects);
    assertThat(outcome.whole().findings().size()).isGreaterThan(atLeast);
    assertThat(outcome.differences()).as("findings of %s objects", objects.size()).isEmpty();
    assertThat(outcome.parts().resources()).isEqualTo(outcome.whole().resources());
    return outcome.whole().findings().size();
  }

  private static PartitionedInventory partitioned(List<ObjectNode> objects) {
    return PartitionedOracle.partitioned(objects);
  }

  private static List<ObjectNode> clusterObjects(Path input, boolean perFile) {
    SourceLoader.Loaded loaded =
        new SourceLoader(new ByteArrayInputStream(new byte[0])).load(List.of(input.toString()));
    return PartitionedOracle.clusterObjects(loaded.documents(), perFile);
  }
}
