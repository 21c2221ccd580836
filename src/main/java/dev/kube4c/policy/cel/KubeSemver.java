package dev.kube4c.policy.cel;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version (semver.org 2.0.0). Build metadata is kept in the text but ignored when
 * comparing, as the specification says.
 */
public record KubeSemver(long major, long minor, long patch, List<String> preRelease, String text)
    implements Comparable<KubeSemver> {

  private static final Pattern STRICT =
      Pattern.compile(
          "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
              + "(?:-((?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*))?"
              + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

  /** With normalize: a leading "v", missing minor or patch, and leading zeros are tolerated. */
  private static final Pattern LOOSE =
      Pattern.compile("v?([0-9]+)(?:\\.([0-9]+))?(?:\\.([0-9]+))?((?:[-+].*)?)");

  public KubeSemver {
    preRelease = List.copyOf(preRelease);
  }

  public static Optional<KubeSemver> parse(String text, boolean normalize) {
    String candidate = text;
    if (normalize) {
      Matcher loose = LOOSE.matcher(text);
      if (!loose.matches()) {
        return Optional.empty();
      }
      candidate =
          strip(loose.group(1))
              + "."
              + strip(loose.group(2) == null ? "0" : loose.group(2))
              + "."
              + strip(loose.group(3) == null ? "0" : loose.group(3))
              + loose.group(4);
    }
    Matcher m = STRICT.matcher(candidate);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new KubeSemver(
              Long.parseLong(m.group(1)),
              Long.parseLong(m.group(2)),
              Long.parseLong(m.group(3)),
              m.group(4) == null ? List.of() : List.of(m.group(4).split("\\.")),
              candidate));
    } catch (NumberFormatException e) {
      return Optional.empty(); // a part beyond 64 bits
    }
  }

  private static String strip(String digits) {
    String s = digits.replaceFirst("^0+", "");
    return s.isEmpty() ? "0" : s;
  }

  @Override
  public int compareTo(KubeSemver o) {
    int c = Long.compare(major, o.major);
    c = c != 0 ? c : Long.compare(minor, o.minor);
    c = c != 0 ? c : Long.compare(patch, o.patch);
    if (c != 0) {
      return c;
    }
    if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
    }
    for (int i = 0; i < Math.min(preRelease.size(), o.preRelease.size()); i++) {
      String a = preRelease.get(i);
      String b = o.preRelease.get(i);
      boolean na = a.chars().allMatch(Character::isDigit);
      boolean nb = b.chars().allMatch(Character::isDigit);
      int d =
          na && nb
              ? new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b))
              : na != nb ? (na ? -1 : 1) : a.compareTo(b);
      if (d != 0) {
        return d;
      }
    }
    return Integer.compare(preRelease.size(), o.preRelease.size());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KubeSemver other && compareTo(other) == 0;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(major, minor, patch, preRelease);
  }

  @Override
  public String toString() {
    return text;
  }
}
