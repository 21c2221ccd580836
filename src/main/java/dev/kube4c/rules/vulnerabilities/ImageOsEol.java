package dev.kube4c.rules.vulnerabilities;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.vuln.ImageScan;
import dev.kube4c.vuln.OsSupport;
import java.util.Optional;

/** With {@code scan --images}: the image's distribution release no longer gets security fixes. */
public final class ImageOsEol extends ImageScanRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("image-os-eol")
          .title("Image OS release out of support")
          .area(Area.VULNERABILITIES)
          .severity(Severity.HIGH)
          .rationale(
              "Once a distribution release leaves support, its packages get no security fixes: every new advisory stays open for good, and vulnerability databases often stop listing the release, so scans look cleaner than the image is. The end-of-support dates (Debian with LTS, Alpine, Ubuntu standard support, Red Hat Enterprise Linux and UBI) are kube4c's own table; see docs/vulnerabilities.md for its sources.")
          .remediation(
              "Rebuild the image on a supported release of its base image (or a distroless/minimal base), then redeploy.")
          .references(
              "https://wiki.debian.org/LTS",
              "https://alpinelinux.org/releases/",
              "https://ubuntu.com/about/release-cycle",
              "https://access.redhat.com/support/policy/updates/errata")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Pod security: building secure container images")
                  .withCks(Frameworks.Cks.SUPPLY_CHAIN))
          .build();

  public ImageOsEol() {
    super(METADATA);
  }

  @Override
  Optional<String> detail(ImageScan scan, RuleContext context) {
    return Optional.ofNullable(scan.sbom())
        .flatMap(sbom -> OsSupport.of(sbom.os()))
        .filter(release -> release.supportEnds().isBefore(context.today()))
        .map(release -> release.name() + " left support on " + release.supportEnds());
  }
}
