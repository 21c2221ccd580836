package dev.kube4c.rules.vulnerabilities;

import dev.kube4c.inventory.Container;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.ContainerRule;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.vuln.OsSupport;
import java.util.List;
import java.util.Map;

/** With {@code scan --images}: the image's distribution release no longer gets security fixes. */
public final class ImageOsEol extends ContainerRule {

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

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  public boolean isActive(RuleContext context) {
    return context.vulnerabilities().enabled();
  }

  @Override
  protected void check(
      Workload workload, Container container, RuleContext context, FindingSink sink) {
    context
        .vulnerabilities()
        .scan(container.image())
        .filter(scan -> scan.sbom() != null)
        .flatMap(scan -> OsSupport.of(scan.sbom().os()))
        .filter(release -> release.supportEnds().isBefore(context.today()))
        .ifPresent(
            release ->
                sink.report(
                    workload.resource().ref(container.name()),
                    workload.resource().location(),
                    container.path()
                        + ".image "
                        + container.image()
                        + ": "
                        + release.name()
                        + " left support on "
                        + release.supportEnds(),
                    null,
                    Map.of("image", List.of(container.image()))));
  }
}
