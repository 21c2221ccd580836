package dev.kube4c.inventory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One container of a pod spec, with the field path that messages quote, e.g. {@code
 * spec.template.spec.initContainers[1]}.
 */
public record Container(String name, JsonNode node, String path, Type type) {

  /** Which list of the pod spec the container came from. */
  public enum Type {
    CONTAINER("containers"),
    INIT("initContainers"),
    EPHEMERAL("ephemeralContainers");

    private final String field;

    Type(String field) {
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  public JsonNode securityContext() {
    return node.path("securityContext");
  }

  public String image() {
    return node.path("image").asText("");
  }
}
