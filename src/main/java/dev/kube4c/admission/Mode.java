package dev.kube4c.admission;

import java.util.Locale;
import java.util.Optional;

/**
 * What the webhook does with findings at or above the deny threshold, per namespace (label {@code
 * kube4c.dev/mode}): refuse the request, allow it with warnings for the client (as Pod Security
 * admission's warn mode), or allow it and record the findings in the audit log only.
 */
public enum Mode {
  ENFORCE,
  WARN,
  AUDIT;

  public static final String LABEL = "kube4c.dev/mode";

  public static Optional<Mode> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "enforce" -> Optional.of(ENFORCE);
      case "warn" -> Optional.of(WARN);
      case "audit" -> Optional.of(AUDIT);
      default -> Optional.empty();
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
