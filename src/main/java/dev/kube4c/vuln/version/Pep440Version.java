package dev.kube4c.vuln.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python package version ordering by PEP 440: {@code [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]},
 * with the spelling variants the PEP normalises (alpha, beta, c, pre, preview, rev, r, separators,
 * implicit numbers). Release segments compare numerically with trailing zeros ignored; a dev
 * release sorts before its pre-releases, pre-releases before the release, post-releases after;
 * local versions after the same public version. No well-kept Java library implements PEP 440.
 */
final class Pep440Version implements Comparable<Pep440Version> {

  private static final Pattern FORM =
      Pattern.compile(
          "v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
              + "(?:[-_.]?(?<pre>a|b|c|rc|alpha|beta|pre|preview)[-_.]?(?<preN>[0-9]+)?)?"
              + "(?:-(?<postImplicit>[0-9]+)|[-_.]?(?<post>post|rev|r)[-_.]?(?<postN>[0-9]+)?)?"
              + "(?:[-_.]?(?<dev>dev)[-_.]?(?<devN>[0-9]+)?)?"
              + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?");

  private final BigInteger epoch;
  private final List<BigInteger> release;
  private final int preKind; // 0 a, 1 b, 2 rc; 3 = none
  private final BigInteger pre;
  private final BigInteger post; // null: none
  private final BigInteger dev; // null: none
  private final List<String> local;

  private Pep440Version(Matcher m) {
    epoch = m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch"));
    List<BigInteger> parts = new ArrayList<>();
    for (String p : m.group("release").split("\\.")) {
      parts.add(new BigInteger(p));
    }
    while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
      parts.remove(parts.size() - 1);
    }
    release = List.copyOf(parts);
    String preText = m.group("pre");
    preKind =
        preText == null
            ? 3
            : switch (preText) {
              case "a", "alpha" -> 0;
              case "b", "beta" -> 1;
              default -> 2;
            };
    pre = number(m.group("preN"));
    if (m.group("postImplicit") != null) {
      post = new BigInteger(m.group("postImplicit"));
    } else {
      post = m.group("post") == null ? null : number(m.group("postN"));
    }
    dev = m.group("dev") == null ? null : number(m.group("devN"));
    local = m.group("local") == null ? List.of() : List.of(m.group("local").split("[-_.]"));
  }

  private static BigInteger number(String digits) {
    return digits == null ? BigInteger.ZERO : new BigInteger(digits);
  }

  static Pep440Version parse(String text) {
    Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a PEP 440 version: '" + text + "'");
    }
    return new Pep440Version(m);
  }

  static int compare(String a, String b) {
    return parse(a).compareTo(parse(b));
  }

  @Override
  public int compareTo(Pep440Version o) {
    int c = epoch.compareTo(o.epoch);
    for (int i = 0; c == 0 && i < Math.max(release.size(), o.release.size()); i++) {
      c = part(release, i).compareTo(part(o.release, i));
    }
    if (c == 0) {
      c = Integer.compare(preRank(), o.preRank());
    }
    if (c == 0 && preKind != 3) {
      c = pre.compareTo(o.pre);
    }
    if (c == 0) {
      c = compareOptional(post, o.post, -1);
    }
    if (c == 0) {
      c = compareOptional(dev, o.dev, 1);
    }
    return c != 0 ? c : compareLocal(local, o.local);
  }

  /**
   * Where the pre-release part puts a version among its siblings: a dev release without pre or post
   * sorts before every pre-release of the same release.
   */
  private int preRank() {
    if (preKind == 3 && post == null && dev != null) {
      return -1;
    }
    return preKind;
  }

  private static BigInteger part(List<BigInteger> parts, int i) {
    return i < parts.size() ? parts.get(i) : BigInteger.ZERO;
  }

  /** {@code absent} is -1 when a missing value sorts first (post), 1 when last (dev). */
  private static int compareOptional(BigInteger a, BigInteger b, int absent) {
    if (a == null || b == null) {
      return a == b ? 0 : a == null ? absent : -absent;
    }
    return a.compareTo(b);
  }

  /** Local segments: numbers above words, words alphabetically, more segments after fewer. */
  private static int compareLocal(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xn = x.chars().allMatch(Character::isDigit);
      boolean yn = y.chars().allMatch(Character::isDigit);
      int c =
          xn && yn
              ? new BigInteger(x).compareTo(new BigInteger(y))
              : xn ? 1 : yn ? -1 : x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
