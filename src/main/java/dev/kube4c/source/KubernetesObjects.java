package dev.kube4c.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Tells Kubernetes objects from other YAML that lives beside them (compose files, CI workflows,
 * values).
 */
public final class KubernetesObjects {

  /** Files that carry apiVersion and kind but are build inputs, not cluster objects. */
  private static final Set<String> BUILD_KINDS = Set.of("Kustomization", "Component");

  private KubernetesObjects() {}

  public static boolean isResource(JsonNode tree) {
    JsonNode apiVersion = tree.get("apiVersion");
    JsonNode kind = tree.get("kind");
    return apiVersion != null
        && apiVersion.isTextual()
        && kind != null
        && kind.isTextual()
        && !kind.asText().isEmpty()
        && !(BUILD_KINDS.contains(kind.asText())
            && apiVersion.asText().startsWith("kustomize.config.k8s.io"));
  }

  /** A short reason for skipping a file that held no Kubernetes object. */
  static String describeNonKubernetes(List<Document> documents) {
    if (documents.isEmpty()) {
      return "no YAML mapping documents";
    }
    JsonNode first = documents.get(0).tree();
    if (first.path("kind").asText().equals("Kustomization")) {
      return "kustomization file";
    }
    if (first.has("jobs") && (first.has("on") || first.has("true") || first.has("stages"))) {
      return "CI workflow";
    }
    if (first.has("services") && !first.has("apiVersion")) {
      return "compose file";
    }
    if (first.has("apiVersion") && first.has("name") && first.has("version")) {
      return "Helm chart metadata";
    }
    return "not a Kubernetes object (no apiVersion and kind)";
  }
}
