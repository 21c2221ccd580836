package dev.kube4c.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One normalised cluster setting: where the provider keeps it ({@code path}, in the input's own
 * spelling), its value (missing when not set), and whether the input left it unresolved (a template
 * expression or a value Terraform only knows after apply). {@code via} says where a value came from
 * when it was not written in place (a template parameter's default).
 */
public record Setting(String path, JsonNode value, boolean unknown, String via) {

  public Setting {
    value = value == null ? MissingNode.getInstance() : value;
  }

  public static Setting absent(String path) {
    return new Setting(path, MissingNode.getInstance(), false, null);
  }

  /** Written in the input (null counts as not written). */
  public boolean isSet() {
    return !unknown && !value.isMissingNode() && !value.isNull();
  }

  /** Known to be unset: absent and not hidden behind an expression. */
  public boolean isUnset() {
    return !unknown && (value.isMissingNode() || value.isNull());
  }

  public boolean isTrue() {
    return isSet()
        && (value.isBoolean() ? value.booleanValue() : value.asText().equalsIgnoreCase("true"));
  }

  public boolean isFalse() {
    return isSet()
        && (value.isBoolean() ? !value.booleanValue() : value.asText().equalsIgnoreCase("false"));
  }

  /** Known and not true: set to false, or not set at all. */
  public boolean isNotTrue() {
    return !unknown && !isTrue();
  }

  public String text() {
    return isSet() && value.isValueNode() ? value.asText() : "";
  }

  /** A block or list that holds something (Terraform blocks are lists of objects). */
  public boolean hasContent() {
    return isSet() && (value.isContainerNode() ? !value.isEmpty() : !value.asText().isEmpty());
  }

  /** "path is value", "path is not set": the words findings use. */
  public String describe() {
    if (unknown) {
      return path + " is not resolved in the input";
    }
    if (!isSet()) {
      return path + " is not set";
    }
    String shown = value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
    if (shown.length() > 120) {
      shown = shown.substring(0, 117) + "...";
    }
    return path + " is " + shown + (via == null ? "" : " (" + via + ")");
  }
}
