package dev.kube4c.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.cli.CliRunner;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Kustomize overlay (base + patch + namePrefix + configMapGenerator) through real kustomize. */
class KustomizeRenderTest {

  static final String OVERLAY = "src/test/resources/render/kustomize/overlays/prod";

  @BeforeEach
  void needsKustomize() {
    Assumptions.assumeTrue(
        KustomizeRenderer.command().isPresent(),
        "skipped: neither kustomize nor kubectl is on PATH (run .ci/install-kustomize.sh)");
  }

  @Test
  void theOverlayIsRenderedWithPrefixNamespaceAndGeneratedConfigMap() {
    CliRunner run = CliRunner.run("render", OVERLAY);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("name: prod-web")
        .contains("namespace: shop")
        .containsPattern("name: prod-settings-[a-z0-9]{10}")
        .contains("LEVEL: debug")
        .doesNotContain("config.kubernetes.io/origin", "alpha.config.kubernetes.io");
  }

  @Test
  void aFieldSetByThePatchIsReportedInThePatchFile() throws IOException {
    JsonNode report = HelmRenderTest.scanJson(OVERLAY, "--rule", "container-privileged");

    List<JsonNode> privileged = HelmRenderTest.findings(report, "container-privileged");
    assertThat(privileged).hasSize(1);
    JsonNode location = privileged.get(0).path("location");
    assertThat(location.path("file").asText()).isEqualTo(OVERLAY + "/privileged.yaml");
    assertThat(location.path("line").asInt()).isEqualTo(11);
    assertThat(privileged.get(0).path("resource").path("name").asText()).isEqualTo("prod-web");
  }

  @Test
  void aFieldFromTheBaseIsReportedInTheBaseFile() throws IOException {
    JsonNode report = HelmRenderTest.scanJson(OVERLAY, "--rule", "resources-limits-missing");

    JsonNode any = report.path("findings").get(0);
    assertThat(any).as("the base's container has no limits").isNotNull();
    assertThat(any.path("location").path("file").asText())
        .isEqualTo("src/test/resources/render/kustomize/base/deployment.yaml");
  }

  @Test
  void aBrokenOverlayIsAnErrorAndTheRestIsScanned() {
    CliRunner run =
        CliRunner.run(
            "scan",
            "--no-color",
            "src/test/resources/render/kustomize-broken",
            HelmRenderTest.CHARTS + "/web");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out())
        .contains("kustomize-broken: kustomize could not build the overlay")
        .contains("container-privileged");
  }

  @Test
  void kustomizesLogHeaderIsLeftOutSoTheMessageIsTheSameEveryRun() {
    CliRunner run =
        CliRunner.run("scan", "--no-color", "src/test/resources/render/kustomize-missing-env");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out())
        // kubectl's kustomize logs through klog ("E1203 13:57:25.603241 11678 run.go:72]"), the
        // standalone binary does not; either way the header is not in the message
        .contains("kustomize could not build the overlay: ")
        .contains("loading KV pairs")
        .doesNotContainPattern("[IWEF]\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d+");
  }
}
