package dev.kube4c.cluster;

import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.PartitionedInventory;
import dev.kube4c.source.Document;
import dev.kube4c.source.Location;
import dev.kube4c.source.SourceLoader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live benchmark's memory model (not a test): how much heap the objects of a cluster take when
 * held in one inventory, against the partitioned inventory's cluster-wide index and its largest
 * namespace read back. Only the kinds a cluster scan lists are kept. Run by bench/index-memory.sh:
 *
 * <pre>java -cp ... dev.kube4c.cluster.IndexMemoryBench CORPUS_DIR</pre>
 */
public final class IndexMemoryBench {

  private static final Location SOURCE = Location.ofSource("cluster/bench");

  private IndexMemoryBench() {}

  public static void main(String[] args) {
    String corpus = args[0];
    long base = heapUsed();

    List<Document> documents = listed(corpus);
    int objects = documents.size();
    long before = heapUsed();
    Inventory whole = Inventory.of(documents, List.of());
    documents = null;
    long wholeBytes = heapUsed() - base;
    System.out.printf(
        "objects listed: %d%none inventory (before this change): %.0f MB%n",
        objects, wholeBytes / 1e6);
    whole = null;
    before = heapUsed();

    PartitionedInventory.Builder builder = PartitionedInventory.builder();
    List<Document> again = listed(corpus);
    for (int i = 0; i < again.size(); i++) {
      Document document = again.set(i, null); // the stream: each object is gone once handed over
      builder.add(document.tree(), document.location());
    }
    again = null;
    try (PartitionedInventory cluster = builder.build(List.of())) {
      cluster.clusterWide().workloads();
      long indexBytes = heapUsed() - before;
      String largest = null;
      int largestSize = 0;
      for (String namespace : cluster.namespaces()) {
        int size = cluster.namespace(namespace).resources().size();
        if (size > largestSize) {
          largest = namespace;
          largestSize = size;
        }
      }
      long beforeNamespace = heapUsed();
      Inventory part = cluster.namespace(largest);
      long namespaceBytes = heapUsed() - beforeNamespace;
      System.out.printf(
          "partitioned: cluster-wide index %.0f MB (%d objects and projections), %d namespaces,"
              + " largest %s with %d objects: %.0f MB read back; %.0f MB on disk%n",
          indexBytes / 1e6,
          cluster.clusterWide().resources().size(),
          cluster.namespaces().size(),
          largest,
          part.resources().size(),
          namespaceBytes / 1e6,
          cluster.spilledBytes() / 1e6);
    }
  }

  /** The corpus objects of the kinds a cluster scan lists, with the cluster's source. */
  private static List<Document> listed(String corpus) {
    Set<String> kinds = ApiKind.NEEDED.stream().map(ApiKind::kind).collect(Collectors.toSet());
    SourceLoader.Loaded loaded =
        new SourceLoader(new ByteArrayInputStream(new byte[0])).load(List.of(corpus));
    List<Document> documents = new ArrayList<>();
    for (Document document : loaded.documents()) {
      if (kinds.contains(document.tree().path("kind").asText())) {
        documents.add(new Document(document.tree(), SOURCE));
      }
    }
    return documents;
  }

  private static long heapUsed() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
