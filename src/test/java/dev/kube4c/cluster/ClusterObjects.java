package dev.kube4c.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kube4c.inventory.ClusterScope;
import dev.kube4c.source.Document;
import dev.kube4c.source.SourceLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Test objects for the mock API server: read from manifests, made unique and cluster-shaped. */
final class ClusterObjects {

  static final Map<String, ApiKind> BY_KIND =
      ApiKind.NEEDED.stream().collect(Collectors.toMap(ApiKind::kind, Function.identity()));

  private ClusterObjects() {}

  /**
   * Objects of the listed kinds under {@code paths}, with the namespace spelled out and the
   * apiVersion the cluster serves, as the API server would hold them. Fixture files reuse names, so
   * the objects of the k-th file move to namespace {@code <ns>-f<k>} (cluster-scoped ones get a
   * {@code -f<k>} name suffix), like grow-corpus.py does; what is left over twice is dropped.
   */
  static List<ObjectNode> from(List<String> paths) {
    SourceLoader.Loaded loaded =
        new SourceLoader(new ByteArrayInputStream(new byte[0])).load(paths);
    List<ObjectNode> objects = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, Integer> files = new java.util.HashMap<>();
    for (Document document : loaded.documents()) {
      String suffix = "-f" + files.computeIfAbsent(document.location().file(), f -> files.size());
      ObjectNode tree = document.tree();
      ApiKind kind = BY_KIND.get(tree.path("kind").asText());
      if (kind == null
          || !(tree.get("metadata") instanceof ObjectNode metadata)
          || !metadata.path("name").isTextual()) {
        continue;
      }
      if (metadata.has("ownerReferences")) {
        continue; // the cluster scan skips controller-made objects; files do not
      }
      tree.put("apiVersion", kind.groupVersion());
      if (kind.namespaced() && !ClusterScope.isClusterScoped(kind.kind())) {
        String namespace = metadata.path("namespace").asText("");
        metadata.put("namespace", (namespace.isEmpty() ? "default" : namespace) + suffix);
      } else {
        metadata.remove("namespace");
        metadata.put("name", metadata.path("name").asText() + suffix);
      }
      if (seen.add(
          kind.kind()
              + "/"
              + metadata.path("namespace").asText("")
              + "/"
              + metadata.path("name").asText())) {
        objects.add(tree);
      }
    }
    return objects;
  }

  static void load(MockApiServer server, List<ObjectNode> objects) {
    for (ObjectNode object : objects) {
      server.add(BY_KIND.get(object.path("kind").asText()), object);
    }
  }

  /** Writes the objects as one multi-document YAML file, for the same scan from files. */
  static Path write(List<ObjectNode> objects, Path file) {
    YAMLMapper yaml = new YAMLMapper();
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (ObjectNode object : objects) {
        out.write(yaml.writeValueAsString(object));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  static ObjectNode parse(String yaml) {
    try {
      return (ObjectNode) new YAMLMapper().readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
