package dev.kube4c.vuln.osv;

import java.util.List;

/**
 * One {@code affected[]} entry: the package (OSV ecosystem with its release suffix, e.g. {@code
 * Debian:12}, and name), its version ranges of type ECOSYSTEM or SEMVER, and its explicit {@code
 * versions} list.
 */
public record AffectedPackage(
    String ecosystem, String name, List<VersionRange> ranges, List<String> versions) {

  public AffectedPackage {
    ranges = List.copyOf(ranges);
    versions = List.copyOf(versions);
  }
}
