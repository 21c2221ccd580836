package dev.kube4c.rules.vulnerabilities;

import dev.kube4c.inventory.Container;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.vuln.ImageScan;
import dev.kube4c.vuln.PackageHit;
import dev.kube4c.vuln.VulnerabilityMatch;
import dev.kube4c.vuln.report.ScannerReportDetector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * With {@code scan --images} or an imported Trivy/Grype report: one finding per image and advisory,
 * on every container that runs the image, listing the affected packages and their fixed versions. A
 * report whose image no scanned workload runs is reported on the report itself.
 */
public final class ImageVulnerable implements Rule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("image-vulnerable")
          .title("Image carries a known vulnerability")
          .area(Area.VULNERABILITIES)
          .severity(Severity.MEDIUM)
          .rationale(
              "A package in the image is affected by a published advisory: attackers scan for exactly these, and a fix usually exists. The severity is the advisory's (CVSS v3 base score, or the database's rating); advisories without a rating count as medium. Active with scan --images (packages matched against the local OSV store) or when a Trivy or Grype JSON report is among the inputs.")
          .remediation(
              "Rebuild the image on an updated base and dependencies (the finding names the fixed version), redeploy, and keep the advisory data fresh with kube4c db import. Accept a risk for a while with an exception naming the advisory, package or image.")
          .references(
              "https://ossf.github.io/osv-schema/",
              "https://kubernetes.io/docs/concepts/security/security-checklist/#images")
          .frameworks(
              Frameworks.NONE
                  .withNsa(
                      "Pod security: building secure container images (scan for vulnerabilities)")
                  .withMitre("T1190")
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
  public boolean findingPerMessage() {
    return true;
  }

  @Override
  public void check(RuleContext context, FindingSink sink) {
    // images run anywhere in the cluster (a report is on its own object only when none runs it)
    Set<String> run =
        context.inventory().clusterWide().derived(ImagesRun.class, ImagesRun::of).images();
    for (Workload workload : context.inventory().workloads()) {
      for (Container container : workload.containers()) {
        context
            .vulnerabilities()
            .scan(container.image())
            .ifPresent(
                scan ->
                    report(
                        scan, workload.resource(), container, container.path() + ".image ", sink));
      }
    }
    for (Resource report : context.inventory().ofKind(ScannerReportDetector.KIND)) {
      String image = report.object().path("spec").path("image").asText();
      if (!run.contains(image)) {
        context
            .vulnerabilities()
            .scan(image)
            .ifPresent(scan -> report(scan, report, null, "image ", sink));
      }
    }
  }

  private static void report(
      ImageScan scan, Resource resource, Container container, String prefix, FindingSink sink) {
    for (VulnerabilityMatch match : scan.matches()) {
      sink.report(
          container == null ? resource.ref() : resource.ref(container.name()),
          resource.location(),
          prefix + scan.image() + ": " + match.describe(),
          match.severity(),
          about(scan.image(), match));
    }
  }

  static Map<String, List<String>> about(String image, VulnerabilityMatch match) {
    List<String> advisory = new ArrayList<>();
    advisory.add(match.advisory().id());
    advisory.addAll(match.advisory().aliases());
    List<String> packages = new ArrayList<>();
    for (PackageHit hit : match.packages()) {
      packages.add(hit.name());
      if (hit.matchedAs() != null) {
        packages.add(hit.matchedAs());
      }
    }
    return Map.of("advisory", advisory, "package", packages, "image", List.of(image));
  }

  /** Every image a workload of the cluster runs: once per scan, not once per namespace. */
  private record ImagesRun(Set<String> images) {
    static ImagesRun of(Inventory clusterWide) {
      Set<String> run = new HashSet<>();
      clusterWide.workloads().forEach(w -> w.containers().forEach(c -> run.add(c.image())));
      return new ImagesRun(run);
    }
  }
}
