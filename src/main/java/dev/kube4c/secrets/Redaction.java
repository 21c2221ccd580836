package dev.kube4c.secrets;

/** How kube4c quotes a secret value: a short prefix and the length, never the value. */
public final class Redaction {

  private Redaction() {}

  /** {@code "AKIA…" (20 chars)}; short values show fewer characters, so at most a quarter leaks. */
  public static String redact(String value) {
    String trimmed = value.strip().replaceFirst("^[\"']+", "");
    int shown = Math.min(4, trimmed.length() / 4);
    return "\"" + trimmed.substring(0, shown) + "…\" (" + trimmed.length() + " chars)";
  }
}
