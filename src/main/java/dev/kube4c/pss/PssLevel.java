package dev.kube4c.pss;

import java.util.Locale;
import java.util.Optional;

/** The three Pod Security Standards levels, from least to most strict. */
public enum PssLevel {
  PRIVILEGED,
  BASELINE,
  RESTRICTED;

  /** The level named exactly as in PSA labels ({@code baseline}); empty for anything else. */
  public static Optional<PssLevel> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text) {
      case "privileged" -> Optional.of(PRIVILEGED);
      case "baseline" -> Optional.of(BASELINE);
      case "restricted" -> Optional.of(RESTRICTED);
      default -> Optional.empty();
    };
  }

  /** The label spelling: {@code baseline}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }
}
