package dev.kube4c.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Reads dotted paths such as {@code vpc_config[0].endpoint_public_access} from JSON trees, and
 * tells a value that is absent from one hidden behind an unresolved template expression (an ARM
 * {@code "[parameters('x')]"} string standing where an object should be).
 */
final class JsonPaths {

  private JsonPaths() {}

  /**
   * What a path led to: the value (missing when absent) and whether an unresolved expression was in
   * the way.
   */
  record Lookup(JsonNode value, boolean unknown) {
    boolean present() {
      return !value.isMissingNode() && !value.isNull();
    }
  }

  static Lookup get(JsonNode root, String path) {
    JsonNode node = root;
    for (String part : path.split("\\.")) {
      String name = part;
      int index = -1;
      int bracket = part.indexOf('[');
      if (bracket >= 0 && part.endsWith("]")) {
        name = part.substring(0, bracket);
        index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
      }
      if (isExpression(node)) {
        return new Lookup(MissingNode.getInstance(), true);
      }
      if (!name.isEmpty()) {
        node = node.path(name);
      }
      if (index >= 0) {
        if (isExpression(node)) {
          return new Lookup(MissingNode.getInstance(), true);
        }
        node = node.path(index);
      }
    }
    return new Lookup(node, false);
  }

  /**
   * An ARM template expression: a string in square brackets (a leading "[[" escapes a literal
   * bracket).
   */
  static boolean isExpression(JsonNode node) {
    if (node == null || !node.isTextual()) {
      return false;
    }
    String text = node.asText().trim();
    return text.startsWith("[") && text.endsWith("]") && !text.startsWith("[[");
  }
}
