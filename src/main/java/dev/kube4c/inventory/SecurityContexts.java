package dev.kube4c.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Effective security settings: a container's securityContext overrides its pod's, field by field.
 */
public final class SecurityContexts {

  private SecurityContexts() {}

  /**
   * The container's value of {@code field} if set, else the pod's; a missing node when neither sets
   * it.
   */
  public static JsonNode effective(Workload workload, Container container, String field) {
    JsonNode own = container.securityContext().path(field);
    if (!own.isMissingNode() && !own.isNull()) {
      return own;
    }
    JsonNode pod = workload.podSpec().path("securityContext").path(field);
    return pod.isNull() ? MissingNode.getInstance() : pod;
  }

  /** Where the effective value comes from, for messages. */
  public static String effectivePath(Workload workload, Container container, String field) {
    JsonNode own = container.securityContext().path(field);
    if (!own.isMissingNode() && !own.isNull()) {
      return container.path() + ".securityContext." + field;
    }
    return workload.path("securityContext." + field);
  }

  public static boolean isTrue(JsonNode node) {
    return node.isBoolean()
        ? node.booleanValue()
        : node.isTextual() && node.asText().equalsIgnoreCase("true");
  }

  public static boolean isFalse(JsonNode node) {
    return node.isBoolean()
        ? !node.booleanValue()
        : node.isTextual() && node.asText().equalsIgnoreCase("false");
  }
}
