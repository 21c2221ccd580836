package dev.kube4c.pss;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy version as PSA labels spell it: {@code v1.N} or {@code latest}. Versions newer than the
 * newest one with policy changes behave like it, as upstream clamps them.
 */
public record PssVersion(int minor, boolean latest) {

  /** The newest policy version with a change upstream (v1.37: two more safe sysctls). */
  public static final int NEWEST_MINOR = 37;

  public static final PssVersion LATEST = new PssVersion(NEWEST_MINOR, true);

  private static final Pattern FORM = Pattern.compile("v1\\.(0|[1-9][0-9]{0,8})");

  public static PssVersion of(int minor) {
    return new PssVersion(minor, false);
  }

  /** Exactly upstream's accepted forms; empty for anything else (PSA then falls back to latest). */
  public static Optional<PssVersion> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (text.equals("latest")) {
      return Optional.of(LATEST);
    }
    Matcher m = FORM.matcher(text);
    return m.matches() ? Optional.of(of(Integer.parseInt(m.group(1)))) : Optional.empty();
  }

  /**
   * The minor version whose rules apply: {@link #NEWEST_MINOR} for latest and for future versions.
   */
  public int effectiveMinor() {
    return latest ? NEWEST_MINOR : Math.min(minor, NEWEST_MINOR);
  }

  @Override
  public String toString() {
    return latest ? "latest" : "v1." + minor;
  }
}
