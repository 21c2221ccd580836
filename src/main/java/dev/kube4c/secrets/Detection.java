package dev.kube4c.secrets;

/**
 * A value that looks like a credential: what kind ({@code AWS access key ID}, {@code private key
 * PEM block}, {@code high-entropy value}), the key or field it sat under (may be null), and the
 * value already redacted. The raw value is not kept.
 */
public record Detection(String kind, String key, String redacted) {

  /** {@code KEY: AWS access key ID "AKIA…" (20 chars)}. */
  public String describe() {
    return (key == null ? "" : key + ": ") + kind + " " + redacted;
  }
}
