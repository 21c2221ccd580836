package dev.kube4c.components;

/**
 * One effective setting of a component: its value as text and where it came from (a command-line
 * position, a kubeadm extraArgs entry, a KubeletConfiguration field, or a built-in default).
 */
public record FlagValue(String value, String origin, boolean isDefault) {

  public boolean isTrue() {
    return value.equalsIgnoreCase("true");
  }

  public boolean isFalse() {
    return value.equalsIgnoreCase("false");
  }

  /** "origin is value" for messages; defaults say so. */
  public String describe() {
    return isDefault ? origin + " (default " + value + ")" : origin + " is " + quote(value);
  }

  private static String quote(String text) {
    return text.isEmpty() || text.contains(" ") ? "\"" + text + "\"" : text;
  }
}
