package dev.kube4c.sbom;

import java.util.Objects;

/**
 * One installed package found in an image (or read from an SBOM): the unit that advisories are
 * matched against.
 *
 * @param ecosystem OSV ecosystem name without release suffix: {@code Debian}, {@code Alpine},
 *     {@code Red Hat}, {@code Go}, {@code Maven}, {@code PyPI}, {@code npm}, ...
 * @param name the binary package name as installed (dpkg/apk/rpm name, Maven {@code
 *     group:artifact}, Go module path, PyPI or npm name)
 * @param version the installed version in the ecosystem's own syntax (dpkg version with epoch, apk
 *     {@code 1.2.3-r4}, rpm {@code [epoch:]version-release}, Go {@code v1.2.3})
 * @param sourceName the source package name where the ecosystem has one (Debian, rpm), else null
 * @param sourceVersion the source package version when it differs from {@code version}, else null
 * @param purl the package URL (purl spec), e.g. {@code
 *     pkg:deb/debian/openssl@3.0.11-1?distro=debian-12}
 * @param location where in the image it was found, e.g. {@code /var/lib/dpkg/status} or {@code
 *     /app/server.jar!/META-INF/maven/.../pom.properties}; null when read from an SBOM without it
 */
public record SoftwarePackage(
    String ecosystem,
    String name,
    String version,
    String sourceName,
    String sourceVersion,
    String purl,
    String location) {

  public SoftwarePackage {
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
  }
}
