package dev.kube4c.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.config.Config;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trivy and Grype reports among plain inputs (no --images) land on the map. */
class ScannerReportTest {

  @Test
  void reportsGiveFindingsWithoutImageScanning() {
    ScanResult result =
        Fixtures.scan(
            List.of("src/test/resources/rules/image-vulnerable/fail-trivy-grype"), Config.DEFAULT);
    List<Finding> findings =
        result.findings().stream().filter(f -> f.ruleId().equals("image-vulnerable")).toList();
    assertThat(findings)
        .extracting(f -> f.resource().display() + " " + f.severity().id())
        .containsExactlyInAnyOrder(
            "Deployment/shop/front high",
            "Deployment/shop/front low",
            "ImageVulnerabilityReport/ghcr.io-example-tools-3 critical");
    assertThat(findings).allSatisfy(f -> assertThat(f.area().id()).isEqualTo("vulnerabilities"));
    Finding expat =
        findings.stream()
            .filter(f -> f.message().contains("CVE-2099-7001"))
            .findFirst()
            .orElseThrow();
    assertThat(expat.message())
        .contains("libexpat1 2.5.0-1, fixed in 2.5.0-1+deb12u1")
        .contains("libexpat1-dev")
        .contains("[reported by trivy]");
    assertThat(expat.about().get("advisory")).containsExactly("CVE-2099-7001");
    assertThat(result.errors()).isEmpty();
    // the rules that need the image itself stay off without --images
    assertThat(result.findings())
        .noneMatch(f -> f.ruleId().equals("image-vulnerability-scan-unavailable"));
  }
}
