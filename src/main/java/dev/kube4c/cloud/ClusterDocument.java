package dev.kube4c.cloud;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Builds one synthetic {@code CloudCluster} object: provider, input format, where the cluster sits
 * in the input, and its normalised settings and node pools. Each setting keeps the provider's own
 * path and value so that findings can quote them.
 */
final class ClusterDocument {

  /** Turns a raw value into what it means (ARM parameters resolved); identity for most formats. */
  interface Resolver {
    Resolved resolve(JsonNode value);

    Resolver NONE = value -> new Resolved(value, false, null);
  }

  record Resolved(JsonNode value, boolean unknown, String via) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectNode object = NODES.objectNode();
  private final ObjectNode settings;
  private final ArrayNode pools;
  private final JsonPointer pointer;

  ClusterDocument(Provider provider, String format, String name, JsonPointer pointer) {
    this.pointer = pointer;
    object.put("apiVersion", CloudCluster.API_VERSION);
    object.put("kind", CloudCluster.KIND);
    object.putObject("metadata").put("name", name);
    object.put("provider", provider.id());
    object.put("format", format);
    object.put("source", display(pointer));
    settings = object.putObject("settings");
    pools = object.putArray("nodePools");
  }

  JsonPointer pointer() {
    return pointer;
  }

  ObjectNode object() {
    return object;
  }

  /**
   * Reads every key of {@code table} from {@code source}; {@code view} maps a table path to the
   * input's spelling.
   */
  void readSettings(
      JsonNode source,
      Map<String, List<String>> table,
      UnaryOperator<String> view,
      Resolver resolver,
      JsonNode afterUnknown) {
    read(settings, source, table, view, resolver, afterUnknown);
  }

  void set(String key, String path, JsonNode value, boolean unknown, String via) {
    put(settings, key, path, value, unknown, via);
  }

  void addPool(
      String name,
      String path,
      JsonNode source,
      Map<String, List<String>> table,
      UnaryOperator<String> view,
      Resolver resolver,
      JsonNode afterUnknown) {
    ObjectNode pool = pools.addObject();
    pool.put("name", name);
    pool.put("path", path);
    read(pool.putObject("settings"), source, table, view, resolver, afterUnknown);
    // Pool paths are shown with the pool's own location so that messages point at the right pool.
    pool.path("settings")
        .forEach(
            s ->
                ((ObjectNode) s)
                    .put(
                        "path",
                        path.isEmpty()
                            ? s.path("path").asText()
                            : path + "." + s.path("path").asText()));
  }

  private static void read(
      ObjectNode into,
      JsonNode source,
      Map<String, List<String>> table,
      UnaryOperator<String> view,
      Resolver resolver,
      JsonNode afterUnknown) {
    for (Map.Entry<String, List<String>> entry : table.entrySet()) {
      String first = null;
      boolean done = false;
      boolean anyUnknown = false;
      for (String candidate : entry.getValue()) {
        String path = view.apply(candidate);
        if (first == null) {
          first = path;
        }
        JsonPaths.Lookup lookup = JsonPaths.get(source, path);
        anyUnknown |=
            lookup.unknown()
                || (afterUnknown != null
                    && JsonPaths.get(afterUnknown, path).value().asBoolean(false));
        if (lookup.present()) {
          Resolved resolved = resolver.resolve(lookup.value());
          put(into, entry.getKey(), path, resolved.value(), resolved.unknown(), resolved.via());
          done = true;
          break;
        }
      }
      if (!done) {
        put(into, entry.getKey(), first, null, anyUnknown, null);
      }
    }
  }

  private static void put(
      ObjectNode into, String key, String path, JsonNode value, boolean unknown, String via) {
    ObjectNode setting = into.putObject(key);
    setting.put("path", path);
    if (value != null && !value.isMissingNode() && !unknown) {
      setting.set("value", value);
    }
    if (unknown) {
      setting.put("unknown", true);
    }
    if (via != null) {
      setting.put("via", via);
    }
  }

  /** A JSON pointer as a readable path: /resources/1/properties becomes resources[1].properties. */
  static String display(JsonPointer pointer) {
    StringBuilder out = new StringBuilder();
    for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
      if (p.mayMatchElement() && p.getMatchingProperty().chars().allMatch(Character::isDigit)) {
        out.append('[').append(p.getMatchingIndex()).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(p.getMatchingProperty());
      }
    }
    return out.toString();
  }
}
