package dev.kube4c.cloud;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** GKE clusters in {@code gcloud container clusters describe|list --format json} output. */
final class GoogleClusters {

  private GoogleClusters() {}

  static List<ClusterDocument> read(JsonNode root) {
    List<ClusterDocument> out = new ArrayList<>();
    if (root.isArray()) {
      for (int i = 0; i < root.size(); i++) {
        if (isCluster(root.get(i))) {
          out.add(cluster(root.get(i), JsonPointer.empty().appendIndex(i)));
        }
      }
    } else if (isCluster(root)) {
      out.add(cluster(root, JsonPointer.empty()));
    }
    return out;
  }

  static boolean isCluster(JsonNode node) {
    return node.isObject()
        && (node.path("selfLink").asText().contains("container.googleapis.com")
            || (node.has("currentMasterVersion")
                && (node.has("nodePools") || node.has("masterAuth"))));
  }

  private static ClusterDocument cluster(JsonNode cluster, JsonPointer pointer) {
    ClusterDocument doc =
        new ClusterDocument(
            Provider.GKE, Formats.GCLOUD, cluster.path("name").asText("(unnamed)"), pointer);
    doc.readSettings(
        cluster,
        ClusterKeys.GKE_GCLOUD,
        UnaryOperator.identity(),
        ClusterDocument.Resolver.NONE,
        null);
    JsonNode pools = cluster.path("nodePools");
    for (int i = 0; i < pools.size(); i++) {
      doc.addPool(
          pools.get(i).path("name").asText("pool" + i),
          "nodePools[" + i + "]",
          pools.get(i),
          ClusterKeys.GKE_POOL_GCLOUD,
          UnaryOperator.identity(),
          ClusterDocument.Resolver.NONE,
          null);
    }
    return doc;
  }
}
