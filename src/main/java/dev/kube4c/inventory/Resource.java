package dev.kube4c.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.source.Location;
import java.util.Map;

/**
 * One Kubernetes object of the input. {@code namespace} is null for cluster-scoped kinds and as
 * written (possibly null) for namespaced ones; {@link #effectiveNamespace()} applies kubectl's
 * "default".
 */
public record Resource(
    String apiVersion,
    String kind,
    String namespace,
    String name,
    ObjectNode object,
    Location location) {

  public ResourceRef ref() {
    return new ResourceRef(apiVersion, kind, namespace, name, null);
  }

  public ResourceRef ref(String container) {
    return new ResourceRef(apiVersion, kind, namespace, name, container);
  }

  public boolean isClusterScoped() {
    return ClusterScope.isClusterScoped(kind);
  }

  public String effectiveNamespace() {
    // The inventory clears the namespace of cluster-scoped kinds, so a set namespace is the answer
    // (hot path).
    if (namespace != null && !namespace.isEmpty()) {
      return namespace;
    }
    return isClusterScoped() ? null : "default";
  }

  public JsonNode spec() {
    return object.path("spec");
  }

  public Map<String, String> labels() {
    return Labels.of(object.path("metadata").path("labels"));
  }

  public Map<String, String> annotations() {
    return Labels.of(object.path("metadata").path("annotations"));
  }

  /**
   * KIND/NAMESPACE/NAME with the effective namespace (KIND/NAME when cluster-scoped), as who-can
   * and netpol print.
   */
  public String qualifiedName() {
    String ns = effectiveNamespace();
    return ns == null ? kind + "/" + name : kind + "/" + ns + "/" + name;
  }

  /** KIND/NAME or KIND/NAMESPACE/NAME, as in CLI.md. */
  public String display() {
    return ref().display();
  }
}
