package dev.kube4c.cloud;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.source.DetectorInput;
import dev.kube4c.source.Document;
import dev.kube4c.source.DocumentDetector;
import dev.kube4c.source.Location;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises managed-cluster descriptions by their content (never by file name) and turns each
 * cluster into a {@code CloudCluster} document located at the cluster's object in the file:
 * Terraform plan/state JSON, {@code aws eks describe-cluster}, {@code gcloud container clusters
 * describe|list}, and ARM/`az` JSON with Microsoft.ContainerService/managedClusters anywhere in it.
 * YAML renderings of the same are read too, located at their document.
 */
public final class CloudClusterDetector implements DocumentDetector {

  /** Words every recognised input contains; files without any are not parsed again. */
  private static final List<String> MARKERS =
      List.of(
          "anagedClusters",
          "anagedclusters",
          "ANAGEDCLUSTERS",
          "format_version",
          ":eks:",
          "container.googleapis.com",
          "currentMasterVersion");

  @Override
  public List<Document> detect(DetectorInput input) {
    if (MARKERS.stream().noneMatch(input.text()::contains)) {
      return List.of();
    }
    if (input.json().isPresent()) {
      JsonNode root = input.json().get();
      List<ClusterDocument> clusters = clustersIn(root);
      Set<JsonPointer> pointers = new HashSet<>();
      clusters.forEach(c -> pointers.add(c.pointer()));
      Map<JsonPointer, Location> locations = input.locate(pointers);
      List<Document> out = new ArrayList<>();
      for (ClusterDocument cluster : clusters) {
        out.add(
            new Document(
                cluster.object(),
                locations.getOrDefault(cluster.pointer(), new Location(input.file(), 1, 1))));
      }
      return out;
    }
    List<Document> out = new ArrayList<>();
    for (Document document : input.documents()) {
      for (ClusterDocument cluster : clustersIn(document.tree())) {
        out.add(new Document(cluster.object(), document.location()));
      }
    }
    return out;
  }

  static List<ClusterDocument> clustersIn(JsonNode root) {
    if (TerraformPlans.isPlan(root)) {
      return TerraformPlans.read(root);
    }
    List<ClusterDocument> aws = AwsClusters.read(root);
    if (!aws.isEmpty()) {
      return aws;
    }
    List<ClusterDocument> google = GoogleClusters.read(root);
    if (!google.isEmpty()) {
      return google;
    }
    return AzureClusters.read(root);
  }
}
