package dev.kube4c.vuln.version;

import java.util.List;

/**
 * Alpine package version ordering, following apk-tools' tokenizer ({@code
 * number{.number}...{letter}{_suffix{number}}...{~hash}{-rN}}): numbers compare numerically (a
 * component after a dot with leading zeros, such as {@code 05}, sorts below one without; a
 * component of zeros alone is the number 0), then a letter, then suffixes ({@code _alpha < _beta <
 * _pre < _rc} sort below the bare version, {@code _cvs < _svn < _git < _hg < _p} above it), then
 * the package revision {@code -rN}. When one version ends where the other goes on, the longer one
 * is newer unless it goes on with a pre-release suffix. No Java library implements this (versatile
 * has no apk scheme), so it is written here.
 */
final class ApkVersion {

  private ApkVersion() {}

  private static final List<String> PRE = List.of("alpha", "beta", "pre", "rc");
  private static final List<String> POST = List.of("cvs", "svn", "git", "hg", "p");

  /** Token kinds in apk-tools' order: a kind further down ends a version "sooner". */
  private enum Kind {
    INVALID,
    DIGIT_OR_ZERO,
    DIGIT,
    LETTER,
    SUFFIX,
    SUFFIX_NO,
    COMMIT_HASH,
    REVISION_NO,
    END
  }

  /** A cursor over one version text. */
  private static final class Cursor {
    final String text;
    int pos;
    Kind kind = Kind.DIGIT;

    Cursor(String text) {
      this.text = text;
    }

    /** The value of the token at the cursor, advancing past it and finding the next kind. */
    long take() {
      long value = 0;
      Kind next = null;
      int start = pos;
      switch (kind) {
        case DIGIT_OR_ZERO:
          int zeros = start;
          while (zeros < text.length() && text.charAt(zeros) == '0') {
            zeros++;
          }
          if (zeros > start && zeros < text.length() && Character.isDigit(text.charAt(zeros))) {
            // "05" after a dot: the zeros weigh below any number, then 5 follows as a number
            pos = zeros;
            value = -(zeros - start);
            next = Kind.DIGIT;
            break;
          }
          value = digits();
          break;
        case DIGIT:
        case SUFFIX_NO:
          value = digits();
          break;
        case REVISION_NO:
          value = digits();
          if (pos == start) {
            kind = Kind.INVALID; // "-r" without a number
            return 0;
          }
          break;
        case LETTER:
          value = text.charAt(pos++);
          break;
        case SUFFIX:
          value = suffix();
          break;
        case COMMIT_HASH:
          while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
            pos++;
          }
          value = 0; // two hashes never order the versions
          break;
        default:
          kind = Kind.INVALID;
          return 0;
      }
      if (pos >= text.length()) {
        kind = Kind.END;
      } else if (next != null) {
        kind = next;
      } else {
        advanceKind();
      }
      return value;
    }

    private long digits() {
      long value = 0;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        value = Math.min(value * 10 + (text.charAt(pos++) - '0'), Long.MAX_VALUE / 16);
      }
      return value;
    }

    private long suffix() {
      for (int i = 0; i < PRE.size(); i++) {
        if (text.startsWith(PRE.get(i), pos)) {
          pos += PRE.get(i).length();
          return i - PRE.size();
        }
      }
      for (int i = 0; i < POST.size(); i++) {
        if (text.startsWith(POST.get(i), pos)) {
          pos += POST.get(i).length();
          return i + 1;
        }
      }
      kind = Kind.INVALID;
      return 0;
    }

    private void advanceKind() {
      char c = text.charAt(pos);
      Kind before = kind;
      Kind n;
      if ((before == Kind.DIGIT || before == Kind.DIGIT_OR_ZERO) && c >= 'a' && c <= 'z') {
        n = Kind.LETTER;
      } else if (before == Kind.LETTER && Character.isDigit(c)) {
        n = Kind.DIGIT;
      } else if (before == Kind.SUFFIX && Character.isDigit(c)) {
        n = Kind.SUFFIX_NO;
      } else {
        n =
            switch (c) {
              case '.' -> Kind.DIGIT_OR_ZERO;
              case '_' -> Kind.SUFFIX;
              case '~' -> Kind.COMMIT_HASH;
              case '-' -> {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == 'r') {
                  pos++;
                  yield Kind.REVISION_NO;
                }
                yield Kind.INVALID;
              }
              default -> Kind.INVALID;
            };
        pos++;
      }
      if (before == Kind.REVISION_NO) {
        n = Kind.INVALID; // the revision ends a version
      } else if (n.ordinal() < before.ordinal()
          && !((n == Kind.DIGIT_OR_ZERO && before == Kind.DIGIT)
              || (n == Kind.SUFFIX && before == Kind.SUFFIX_NO)
              || (n == Kind.DIGIT && before == Kind.LETTER))) {
        n = Kind.INVALID;
      }
      kind = n;
    }
  }

  static boolean valid(String version) {
    if (version.isEmpty() || !Character.isDigit(version.charAt(0))) {
      return false;
    }
    Cursor c = new Cursor(version);
    while (c.kind != Kind.END && c.kind != Kind.INVALID) {
      c.take();
    }
    return c.kind == Kind.END;
  }

  static int compare(String a, String b) {
    if (!valid(a) || !valid(b)) {
      throw new IllegalArgumentException("not an Alpine version: '" + (valid(a) ? b : a) + "'");
    }
    Cursor x = new Cursor(a);
    Cursor y = new Cursor(b);
    while (x.kind == y.kind && x.kind != Kind.END && x.kind != Kind.INVALID) {
      long xv = x.take();
      long yv = y.take();
      if (xv != yv) {
        return xv < yv ? -1 : 1;
      }
    }
    if (x.kind == y.kind) {
      return 0;
    }
    // Equal so far and one goes on: the longer one is newer, unless it goes on with a pre-release.
    Kind xk = x.kind;
    Kind yk = y.kind;
    if (xk == Kind.SUFFIX && x.take() < 0) {
      return -1;
    }
    if (yk == Kind.SUFFIX && y.take() < 0) {
      return 1;
    }
    return xk.ordinal() > yk.ordinal() ? -1 : 1;
  }
}
