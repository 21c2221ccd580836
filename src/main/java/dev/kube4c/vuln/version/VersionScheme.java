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
    int order(String a, String b) {
      return new RpmVersion(a).compareTo(new RpmVersion(b));
    }
  },
  SEMVER("semver") {
    @Override
    int order(String a, String b) {
      return new NpmVersion(a).compareTo(new NpmVersion(b));
    }
  },
  GO("go semver") {
    @Override
    int order(String a, String b) {
      return new GoVersion(goSemver(a)).compareTo(new GoVersion(goSemver(b)));
    }
  },
  MAVEN("maven") {
    @Override
    int order(String a, String b) {
      return new ComparableVersion(a).compareTo(new ComparableVersion(b));
    }
  },
  PEP440("pep440") {
    @Override
    int order(String a, String b) {
      return Pep440Version.compare(a, b);
    }
  };

  private final String label;

  VersionScheme(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  abstract int order(String a, String b);

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
    String base = ecosystem.contains(":") ? ecosystem.substring(0, ecosystem.indexOf(':')) : ecosystem;
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
