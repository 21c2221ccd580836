package dev.kube4c.pss;

import com.fasterxml.jackson.databind.JsonNode;

/** How Go's decoding of a PodSpec reads our JSON trees: null and absent are the same (nil). */
final class Json {

  private Json() {}

  static boolean present(JsonNode node) {
    return !node.isMissingNode() && !node.isNull();
  }

  static boolean isTrue(JsonNode node) {
    return node.isBoolean()
        ? node.booleanValue()
        : node.isTextual() && node.asText().equalsIgnoreCase("true");
  }

  static boolean isFalse(JsonNode node) {
    return node.isBoolean()
        ? !node.booleanValue()
        : node.isTextual() && node.asText().equalsIgnoreCase("false");
  }

  /** A string field; "" for nil, as Go's zero value. */
  static String text(JsonNode node) {
    return present(node) ? node.asText() : "";
  }

  static String quote(String value) {
    return "\"" + value + "\"";
  }

  /** A value for messages: strings quoted, everything else as written. */
  static String show(JsonNode node) {
    return node.isTextual() ? quote(node.asText()) : node.toString();
  }
}
