package dev.kube4c.cloud;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * EKS clusters in {@code aws eks describe-cluster} output ({"cluster": {...}}) or the bare cluster
 * object.
 */
final class AwsClusters {

  private AwsClusters() {}

  static List<ClusterDocument> read(JsonNode root) {
    if (isCluster(root.path("cluster"))) {
      return List.of(
          cluster(root.path("cluster"), JsonPointer.empty().appendProperty("cluster"), "cluster."));
    }
    if (isCluster(root)) {
      return List.of(cluster(root, JsonPointer.empty(), ""));
    }
    return List.of();
  }

  static boolean isCluster(JsonNode node) {
    return node.isObject()
        && node.path("arn").asText().contains(":eks:")
        && (node.has("resourcesVpcConfig") || node.has("version"));
  }

  private static ClusterDocument cluster(JsonNode cluster, JsonPointer pointer, String prefix) {
    ClusterDocument doc =
        new ClusterDocument(
            Provider.EKS, Formats.AWS_CLI, cluster.path("name").asText("(unnamed)"), pointer);
    // Paths are read inside the cluster object but shown as the user sees them in the CLI output.
    doc.readSettings(
        cluster,
        ClusterKeys.EKS_AWS,
        UnaryOperator.identity(),
        ClusterDocument.Resolver.NONE,
        null);
    if (!prefix.isEmpty()) {
      doc.object()
          .path("settings")
          .forEach(
              s ->
                  ((com.fasterxml.jackson.databind.node.ObjectNode) s)
                      .put("path", prefix + s.path("path").asText()));
    }
    return doc;
  }
}
