package dev.kube4c.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Resource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The provider-neutral view of one managed cluster, read from a synthetic {@code CloudCluster}
 * resource that a {@link CloudClusterDetector} made of AKS, EKS or GKE JSON. Settings are looked up
 * by neutral keys (see {@link ClusterKeys}); each answer keeps the provider's own path and value
 * for messages.
 */
public record CloudCluster(
    Resource resource, Provider provider, String format, List<NodePool> nodePools) {

  public static final String API_VERSION = "cloud.kube4c.dev/v1";
  public static final String KIND = "CloudCluster";

  /** One node pool (AKS agent pool, EKS managed node group, GKE node pool). */
  public record NodePool(String name, String path, JsonNode settings) {
    public Setting setting(String key) {
      return CloudCluster.read(settings.path(key), key);
    }
  }

  public static CloudCluster of(Resource resource) {
    JsonNode object = resource.object();
    List<NodePool> pools = new ArrayList<>();
    for (JsonNode pool : object.path("nodePools")) {
      pools.add(
          new NodePool(
              pool.path("name").asText(), pool.path("path").asText(), pool.path("settings")));
    }
    return new CloudCluster(
        resource,
        Provider.parse(object.path("provider").asText()),
        object.path("format").asText(),
        List.copyOf(pools));
  }

  public String name() {
    return resource.name();
  }

  public boolean isTerraform() {
    return format.equals(Formats.TERRAFORM_PLAN);
  }

  /** The setting under a neutral key; a key the format does not have reads as unknown. */
  public Setting setting(String key) {
    return read(resource.object().path("settings").path(key), key);
  }

  /**
   * True when the input format carries this setting at all (e.g. audit log settings are not in `az
   * aks show`).
   */
  public boolean has(String key) {
    return resource.object().path("settings").has(key);
  }

  static Setting read(JsonNode node, String key) {
    if (node.isMissingNode()) {
      return new Setting("(" + key + ")", null, true, null);
    }
    return new Setting(
        node.path("path").asText(),
        node.get("value"),
        node.path("unknown").asBoolean(),
        node.path("via").isTextual() ? node.path("via").asText() : null);
  }

  /** Every key and its raw normalised entry, for diagnostics and docs. */
  public Iterator<Map.Entry<String, JsonNode>> settings() {
    return resource.object().path("settings").properties().iterator();
  }
}
