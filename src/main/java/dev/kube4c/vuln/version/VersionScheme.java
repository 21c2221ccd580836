package dev.kube4c.vuln.version;

import io.github.nscuro.versatile.version.GoVersion;
import io.github.nscuro.versatile.version.NpmVersion;
import io.github.nscuro.versatile.version.RpmVersion;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * The version orderings of the ecosystems advisories are written for. {@link #compare} throws
 * {@link IllegalArgumentException} (with the offending version in its message) for a version the
 * scheme cannot read. RPM, npm and Go use nscuro's versatile; Maven uses Maven's own
 * ComparableVersion; dpkg, apk and PEP 440 are written here (see their classes for why).
 */
public enum VersionScheme {
  DEBIAN("dpkg") {
    @Override
    int order(String a, String b) {
      return DpkgVersion.compare(a, b);
    }
  },
  ALPINE("apk") {
    @Override
    int order(String a, String b) {
      return ApkVersion.compare(a, b);
    }
  },
  RPM("rpmvercmp") {
    @Override
    Object parse(String v) {
      return new RpmVersion(v);
    }
  },
  SEMVER("semver") {
    @Override
    Object parse(String v) {
      return new NpmVersion(v);
    }
  },
  GO("go semver") {
    @Override
    Object parse(String v) {
      return new GoVersion(goSemver(v));
    }
  },
  MAVEN("maven") {
    @Override
    Object parse(String v) {
      return new ComparableVersion(v);
    }
  },
  PEP440("pep440") {
    @Override
    Object parse(String v) {
      return Pep440Version.parse(v);
    }
  };

  private final String label;

  VersionScheme(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The version in a form that compares quickly; the text itself for dpkg and apk. */
  Object parse(String version) {
    if (!accepts(version)) {
      throw new IllegalArgumentException("not a " + label + " version: '" + version + "'");
    }
    return version;
  }

  /** Orders two versions given as text (dpkg, apk) or as parsed by {@link #parse}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  int orderParsed(Object a, Object b) {
    return a instanceof String x && b instanceof String y
        ? order(x, y)
        : ((Comparable) a).compareTo(b);
  }

  int order(String a, String b) {
    return orderParsed(parse(a), parse(b));
  }

  /**
   * A comparator for one matching run that parses each distinct version once (matching compares the
   * same installed and event versions many times).
   */
  public java.util.Comparator<String> cached() {
    java.util.Map<String, Object> parsed = new java.util.HashMap<>();
    return (a, b) -> {
      try {
        return Integer.signum(
            orderParsed(
                parsed.computeIfAbsent(a, this::parseChecked),
                parsed.computeIfAbsent(b, this::parseChecked)));
      } catch (IllegalArgumentException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "cannot compare " + label + " versions '" + a + "' and '" + b + "': " + e.getMessage(),
            e);
      }
    };
  }

  private Object parseChecked(String version) {
    try {
      return parse(version);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "not a " + label + " version: '" + version + "' (" + e.getMessage() + ")", e);
    }
  }

  /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
  public int compare(String a, String b) {
    try {
      return Integer.signum(order(a, b));
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot compare " + label + " versions '" + a + "' and '" + b + "': " + e.getMessage(),
          e);
    }
  }

  /** Whether {@code version} can be read by this scheme. */
  public boolean accepts(String version) {
    try {
      compare(version, version);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The scheme of an OSV ecosystem (with or without its release suffix, {@code Debian:12}); empty
   * for ecosystems kube4c does not match.
   */
  public static Optional<VersionScheme> forEcosystem(String ecosystem) {
    String base =
        ecosystem.contains(":") ? ecosystem.substring(0, ecosystem.indexOf(':')) : ecosystem;
    return Optional.ofNullable(
        switch (base.toLowerCase(Locale.ROOT)) {
          case "debian", "ubuntu" -> DEBIAN;
          case "alpine", "wolfi", "chainguard" -> ALPINE;
          case "red hat", "almalinux", "rocky linux", "suse", "opensuse", "mageia" -> RPM;
          case "go" -> GO;
          case "npm", "crates.io", "packagist", "pub", "hex" -> SEMVER;
          case "maven" -> MAVEN;
          case "pypi" -> PEP440;
          default -> null;
        });
  }

  private static final Pattern GO_TOOLCHAIN =
      Pattern.compile("go(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:(rc|beta)(\\d+))?");

  /**
   * Go versions as semver: module versions as they are ({@code v1.2.3}, {@code
   * v2.0.0+incompatible}, pseudo-versions), toolchain versions ({@code go1.21.3}, {@code go1.22},
   * {@code go1.22rc1}, {@code 1.21.3} as the Go vulnerability database writes stdlib versions)
   * completed to three numbers.
   */
  static String goSemver(String version) {
    String v = version.strip();
    Matcher m = GO_TOOLCHAIN.matcher(v);
    if (m.matches()) {
      String core =
          "v"
              + m.group(1)
              + "."
              + (m.group(2) == null ? "0" : m.group(2))
              + "."
              + (m.group(3) == null ? "0" : m.group(3));
      return m.group(4) == null ? core : core + "-" + m.group(4) + "." + m.group(5);
    }
    if (!v.startsWith("v")) {
      v = "v" + v;
    }
    if (!v.matches("v\\d+\\.\\d+\\.\\d+.*")) {
      throw new IllegalArgumentException("not a Go version: '" + version + "'");
    }
    return v;
  }
}
