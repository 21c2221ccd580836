package dev.kube4c.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Label maps and label selectors (matchLabels and matchExpressions) as Kubernetes evaluates them.
 */
public final class Labels {

  private Labels() {}

  /** A string map from a metadata.labels-like node; non-string values are taken as their text. */
  public static Map<String, String> of(JsonNode node) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      return Map.of();
    }
    Map<String, String> map = new LinkedHashMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    return Collections.unmodifiableMap(map);
  }

  /**
   * A plain map selector (Service.spec.selector): every pair must match; an empty selector matches
   * nothing.
   */
  public static boolean mapSelects(Map<String, String> selector, Map<String, String> labels) {
    if (selector.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, String> e : selector.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A metav1.LabelSelector: an empty selector matches everything; a missing one is for the caller
   * to decide.
   */
  public static boolean labelSelectorMatches(JsonNode selector, Map<String, String> labels) {
    // Read in place rather than copied into a map: network policy rules match every policy of a
    // namespace against every workload in it.
    for (Map.Entry<String, JsonNode> e : selector.path("matchLabels").properties()) {
      if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String key = expression.path("key").asText();
      Set<String> values = new HashSet<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      String operator = expression.path("operator").asText();
      boolean present = labels.containsKey(key);
      boolean ok =
          switch (operator) {
            case "In" -> present && values.contains(labels.get(key));
            case "NotIn" -> !present || !values.contains(labels.get(key));
            case "Exists" -> present;
            case "DoesNotExist" -> !present;
            default ->
                false; // an unknown operator selects nothing, as the API server would reject it
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
