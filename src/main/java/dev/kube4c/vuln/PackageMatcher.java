package dev.kube4c.vuln;

import dev.kube4c.sbom.OsRelease;
import dev.kube4c.sbom.Sbom;
import dev.kube4c.sbom.SoftwarePackage;
import dev.kube4c.vuln.db.AdvisoryIndex;
import dev.kube4c.vuln.osv.Advisory;
import dev.kube4c.vuln.osv.AffectedPackage;
import dev.kube4c.vuln.osv.VersionRange;
import dev.kube4c.vuln.version.VersionScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches an image's packages against advisories: the package's OSV ecosystem with the image's
 * distribution release ({@code Debian:12}, {@code Alpine:v3.20}, {@code Ubuntu:22.04}, {@code Red
 * Hat:...:9...}), the name advisories use (Debian source package, Alpine origin, PEP 503 names for
 * PyPI, {@code stdlib} for the Go toolchain), and the ecosystem's own version ordering.
 */
public final class PackageMatcher {

  private static final Set<String> DISTROS =
      Set.of("Debian", "Ubuntu", "Alpine", "Red Hat", "AlmaLinux", "Rocky Linux", "Wolfi");

  /** What matching an image gave: its matches and what could not be compared. */
  public record Result(List<VulnerabilityMatch> matches, List<String> notes) {}

  /**
   * The OSV ecosystems (as stored) whose advisories apply to {@code pkg} in an image of {@code os}.
   */
  public static List<String> ecosystems(SoftwarePackage pkg, OsRelease os, Set<String> stored) {
    String base = pkg.ecosystem();
    if (!DISTROS.contains(base)) {
      return stored.contains(base) ? List.of(base) : List.of();
    }
    Optional<String> release = releaseToken(base, os);
    if (release.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String ecosystem : stored) {
      int colon = ecosystem.indexOf(':');
      if (colon > 0
          && ecosystem.substring(0, colon).equals(base)
          && List.of(ecosystem.substring(colon + 1).split(":")).contains(release.get())) {
        out.add(ecosystem);
      }
    }
    return out;
  }

  /** The release part of the OSV ecosystem for a distribution: 12, v3.20, 22.04, 9. */
  static Optional<String> releaseToken(String base, OsRelease os) {
    if (os == null || os.versionId() == null || os.versionId().isBlank()) {
      return Optional.empty();
    }
    String v = os.versionId().strip();
    String[] parts = v.split("[._]");
    return Optional.of(
        switch (base) {
          case "Alpine", "Wolfi" -> parts.length >= 2 ? "v" + parts[0] + "." + parts[1] : "v" + v;
          case "Ubuntu" -> v;
          default -> parts[0];
        });
  }

  /** The name advisories of the ecosystem use for the package. */
  static String advisoryName(SoftwarePackage pkg) {
    return switch (pkg.ecosystem()) {
      case "Debian", "Ubuntu", "Alpine", "Wolfi" ->
          pkg.sourceName() != null && !pkg.sourceName().isBlank() ? pkg.sourceName() : pkg.name();
      case "Go" ->
          Set.of("stdlib", "go", "golang", "toolchain")
                  .contains(pkg.name().toLowerCase(Locale.ROOT))
              ? "stdlib"
              : pkg.name();
      default -> pkg.name();
    };
  }

  /** The version advisories of the ecosystem compare with (Debian: the source version). */
  static String advisoryVersion(SoftwarePackage pkg) {
    boolean source = pkg.ecosystem().equals("Debian") || pkg.ecosystem().equals("Ubuntu");
    return source && pkg.sourceVersion() != null && !pkg.sourceVersion().isBlank()
        ? pkg.sourceVersion()
        : pkg.version();
  }

  public Result match(Sbom sbom, AdvisoryIndex index) {
    Map<String, Advisory> advisories = new LinkedHashMap<>();
    Map<String, List<PackageHit>> hits = new LinkedHashMap<>();
    Set<String> notes = new TreeSet<>();
    Map<VersionScheme, java.util.Comparator<String>> orders =
        new java.util.EnumMap<>(VersionScheme.class);
    for (SoftwarePackage pkg : sbom.packages()) {
      String name = advisoryName(pkg);
      String version = advisoryVersion(pkg);
      for (String ecosystem : ecosystems(pkg, sbom.os(), index.storedEcosystems())) {
        VersionScheme scheme = VersionScheme.forEcosystem(ecosystem).orElse(null);
        if (scheme == null) {
          continue;
        }
        java.util.Comparator<String> order = orders.computeIfAbsent(scheme, VersionScheme::cached);
        for (Advisory advisory : index.advisories(ecosystem, name)) {
          for (AffectedPackage affected : advisory.affected()) {
            if (!affected.ecosystem().equals(ecosystem)
                || !sameName(ecosystem, affected.name(), name)) {
              continue;
            }
            try {
              Optional<String> fixed = affects(affected, version, order);
              if (fixed != null) {
                advisories.putIfAbsent(advisory.id(), advisory);
                List<PackageHit> list = hits.computeIfAbsent(advisory.id(), k -> new ArrayList<>());
                PackageHit hit =
                    new PackageHit(
                        pkg.name(),
                        pkg.version(),
                        name.equals(pkg.name()) ? null : name,
                        fixed.orElse(null));
                if (!list.contains(hit)) {
                  list.add(hit);
                }
              }
            } catch (IllegalArgumentException e) {
              notes.add(
                  pkg.name()
                      + " "
                      + version
                      + " not compared with "
                      + advisory.id()
                      + ": "
                      + e.getMessage());
            }
          }
        }
      }
    }
    List<VulnerabilityMatch> matches = new ArrayList<>();
    advisories.forEach((id, a) -> matches.add(new VulnerabilityMatch(a, hits.get(id), "kube4c")));
    return new Result(matches, List.copyOf(notes));
  }

  private static boolean sameName(String ecosystem, String advisoryName, String name) {
    return ecosystem.equals("PyPI")
        ? advisoryName
            .toLowerCase(Locale.ROOT)
            .replaceAll("[-_.]+", "-")
            .equals(name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-"))
        : advisoryName.equals(name);
  }

  /**
   * Null when {@code version} is not affected; else the first fixed version above it (empty when
   * none is known).
   */
  static Optional<String> affects(
      AffectedPackage affected, String version, java.util.Comparator<String> order) {
    boolean hit = false;
    Optional<String> fixed = Optional.empty();
    for (VersionRange range : affected.ranges()) {
      if (range.contains(version, order)) {
        hit = true;
        Optional<String> f = range.fixedAfter(version, order);
        if (f.isPresent() && (fixed.isEmpty() || order.compare(f.get(), fixed.get()) < 0)) {
          fixed = f;
        }
      }
    }
    if (!hit) {
      for (String listed : affected.versions()) {
        if (listed.equals(version) || sameVersion(order, listed, version)) {
          hit = true;
          break;
        }
      }
    }
    return hit ? fixed : null;
  }

  private static boolean sameVersion(
      java.util.Comparator<String> order, String listed, String version) {
    try {
      return order.compare(listed, version) == 0;
    } catch (IllegalArgumentException e) {
      return false; // a listed version the scheme cannot read names no installed version
    }
  }
}
