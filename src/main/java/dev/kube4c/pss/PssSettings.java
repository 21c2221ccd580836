package dev.kube4c.pss;

import dev.kube4c.config.Config;
import java.util.Optional;

/**
 * The level and version a scan asked for ({@code --pss-level}/{@code pssLevel}, {@code
 * --pss-version}/{@code pssVersion}).
 */
public record PssSettings(PssLevel level, PssVersion version) {

  /**
   * Empty when no valid level was asked for; an unusable version falls back to latest, as in PSA.
   */
  public static Optional<PssSettings> requested(Config config) {
    return PssLevel.parse(config.pssLevel())
        .map(
            level ->
                new PssSettings(
                    level, PssVersion.parse(config.pssVersion()).orElse(PssVersion.LATEST)));
  }
}
