package dev.kube4c.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod QoS class exactly as the kubelet computes it (pkg/apis/core/helper/qos): only cpu and
 * memory count, requests default to limits, init containers take part, ephemeral ones do not.
 */
public enum QosClass {
  GUARANTEED("Guaranteed"),
  BURSTABLE("Burstable"),
  BEST_EFFORT("BestEffort");

  private static final List<String> SUPPORTED = List.of("cpu", "memory");
  private final String title;

  QosClass(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  public static QosClass of(Workload workload) {
    Map<String, BigDecimal> requests = new HashMap<>();
    Map<String, BigDecimal> limits = new HashMap<>();
    boolean guaranteed = true;
    for (Container container : workload.containers()) {
      if (container.type() == Container.Type.EPHEMERAL) {
        continue;
      }
      JsonNode resources = container.node().path("resources");
      Map<String, BigDecimal> ownLimits = quantities(resources.path("limits"));
      Map<String, BigDecimal> ownRequests = quantities(resources.path("requests"));
      ownLimits.forEach(ownRequests::putIfAbsent); // API defaulting: requests default to limits
      ownRequests.forEach((k, v) -> addPositive(requests, k, v));
      ownLimits.forEach((k, v) -> addPositive(limits, k, v));
      if (!ownLimits.entrySet().stream()
          .filter(e -> e.getValue().signum() > 0)
          .map(Map.Entry::getKey)
          .toList()
          .containsAll(SUPPORTED)) {
        guaranteed = false;
      }
    }
    if (requests.isEmpty() && limits.isEmpty()) {
      return BEST_EFFORT;
    }
    if (guaranteed) {
      for (Map.Entry<String, BigDecimal> request : requests.entrySet()) {
        BigDecimal limit = limits.get(request.getKey());
        if (limit == null || limit.compareTo(request.getValue()) != 0) {
          return BURSTABLE;
        }
      }
      return requests.size() == limits.size() ? GUARANTEED : BURSTABLE;
    }
    return BURSTABLE;
  }

  private static void addPositive(Map<String, BigDecimal> sums, String resource, BigDecimal value) {
    if (value.signum() > 0) {
      sums.merge(resource, value, BigDecimal::add);
    }
  }

  private static Map<String, BigDecimal> quantities(JsonNode node) {
    Map<String, BigDecimal> map = new HashMap<>();
    for (String resource : SUPPORTED) {
      Optional<BigDecimal> value =
          node.has(resource) ? Quantity.parse(node.get(resource).asText()) : Optional.empty();
      value.ifPresent(v -> map.put(resource, v));
    }
    return map;
  }
}
