package dev.kube4c.vuln;

import dev.kube4c.sbom.Sbom;
import java.util.List;

/**
 * What the vulnerability scan found for one image: its SBOM and matches, or why it could not be
 * read.
 *
 * @param sbom null when the image could not be read (then {@code unavailable} says why) or when the
 *     matches come from an imported Trivy/Grype report only
 * @param unavailable the reason the image could not be scanned, else null
 */
public record ImageScan(
    String image, Sbom sbom, List<VulnerabilityMatch> matches, String unavailable) {

  public ImageScan {
    matches = List.copyOf(matches);
  }

  public static ImageScan unavailable(String image, String reason) {
    return new ImageScan(image, null, List.of(), reason);
  }
}
