package dev.kube4c.vuln.version;

/**
 * Debian package version ordering as dpkg defines it (deb-version(7)): {@code
 * [epoch:]upstream[-revision]}, compared part by part; within a part, runs of non-digits compare
 * character by character with {@code ~} before everything (even the end), then the end, then
 * letters, then other characters; runs of digits compare numerically. Written here because the
 * library we use for other schemes fails on versions without a Debian revision.
 */
final class DpkgVersion {

  private DpkgVersion() {}

  static int compare(String a, String b) {
    Parts x = Parts.of(a);
    Parts y = Parts.of(b);
    int c = Long.compare(x.epoch, y.epoch);
    if (c == 0) {
      c = compareText(x.upstream, y.upstream);
    }
    return c != 0 ? c : compareText(x.revision, y.revision);
  }

  private record Parts(long epoch, String upstream, String revision) {
    static Parts of(String version) {
      String v = version.strip();
      if (v.isEmpty() || v.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("not a Debian version: '" + version + "'");
      }
      long epoch = 0;
      int colon = v.indexOf(':');
      if (colon >= 0) {
        String digits = v.substring(0, colon);
        if (digits.isEmpty()
            || !digits.chars().allMatch(Character::isDigit)
            || digits.length() > 9) {
          throw new IllegalArgumentException("bad epoch in Debian version '" + version + "'");
        }
        epoch = Long.parseLong(digits);
        v = v.substring(colon + 1);
      }
      int dash = v.lastIndexOf('-');
      String upstream = dash >= 0 ? v.substring(0, dash) : v;
      String revision = dash >= 0 ? v.substring(dash + 1) : "";
      if (upstream.isEmpty() || !Character.isDigit(upstream.charAt(0))) {
        throw new IllegalArgumentException(
            "Debian version '" + version + "' must start with a digit");
      }
      return new Parts(epoch, upstream, revision);
    }
  }

  /** dpkg's verrevcmp. */
  private static int compareText(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while ((i < a.length() && !isDigit(a, i)) || (j < b.length() && !isDigit(b, j))) {
        int ac = order(a, i);
        int bc = order(b, j);
        if (ac != bc) {
          return Integer.compare(ac, bc);
        }
        i++;
        j++;
      }
      while (i < a.length() && a.charAt(i) == '0') {
        i++;
      }
      while (j < b.length() && b.charAt(j) == '0') {
        j++;
      }
      int firstDiff = 0;
      while (isDigit(a, i) && isDigit(b, j)) {
        if (firstDiff == 0) {
          firstDiff = a.charAt(i) - b.charAt(j);
        }
        i++;
        j++;
      }
      if (isDigit(a, i)) {
        return 1;
      }
      if (isDigit(b, j)) {
        return -1;
      }
      if (firstDiff != 0) {
        return Integer.signum(firstDiff);
      }
    }
    return 0;
  }

  private static boolean isDigit(String s, int i) {
    return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
  }

  /** Weight of the character at {@code i} in a non-digit run; the end of the text weighs 0. */
  private static int order(String s, int i) {
    if (i >= s.length()) {
      return 0;
    }
    char c = s.charAt(i);
    if (c >= '0' && c <= '9') {
      return 0;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return c;
    }
    return c == '~' ? -1 : c + 256;
  }
}
