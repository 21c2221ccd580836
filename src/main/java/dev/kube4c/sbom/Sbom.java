package dev.kube4c.sbom;

import java.util.List;

/**
 * What an image (or an SBOM file) contains.
 *
 * @param subject the image reference as given (e.g. {@code nginx:1.25}) or the SBOM file name
 * @param digest the manifest digest ({@code sha256:...}) when known, else null
 * @param os the distribution, or null when the image has no os-release (scratch, distroless static)
 * @param packages every package found, in a stable order
 * @param notes things the reader wants the user to know (e.g. "BerkeleyDB rpmdb not read")
 */
public record Sbom(
    String subject,
    String digest,
    OsRelease os,
    List<SoftwarePackage> packages,
    List<String> notes) {

  public Sbom {
    packages = List.copyOf(packages);
    notes = List.copyOf(notes);
  }
}
