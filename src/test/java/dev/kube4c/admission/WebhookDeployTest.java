package dev.kube4c.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.config.Config;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy/webhook/ (with the namespace of deploy/kube4c.yaml) passes kube4c's restricted scan. */
class WebhookDeployTest {

  private static final ScanRequest RESTRICTED =
      new ScanRequest(
          Config.DEFAULT.withPss("restricted", "latest"), null, null, null, Fixtures.TODAY);

  @Test
  void webhookManifestsPassTheRestrictedScan() {
    ScanResult result =
        Fixtures.scan(
            List.of("deploy/kube4c.yaml", "deploy/webhook/kube4c-webhook.yaml"), RESTRICTED);
    assertThat(result.errors()).isEmpty();
    assertThat(result.resources()).isEqualTo(8 + 10);
    assertThat(result.findings()).isEmpty();
    assertThat(result.suppressed()).isEmpty();
  }

  /**
   * The chart, rendered by helm-java (Helm's Go code, no binary) with its defaults, scanned alike.
   */
  @Test
  void helmChartRendersToManifestsThatPassTheRestrictedScan(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    String rendered =
        new com.marcnuri.helm.Helm(java.nio.file.Path.of("charts/kube4c"))
            .template()
            .withName("kube4c")
            .withNamespace("kube4c")
            .call();
    java.nio.file.Path file = dir.resolve("chart.yaml");
    java.nio.file.Files.writeString(file, rendered);
    assertThat(rendered)
        .contains("kind: ValidatingWebhookConfiguration")
        .contains("failurePolicy: Fail")
        .contains("timeoutSeconds: 5")
        .contains("values: [kube4c, kube-system]")
        .contains("replicas: 2");
    ScanResult result = Fixtures.scan(List.of("deploy/kube4c.yaml", file.toString()), RESTRICTED);
    assertThat(result.errors()).isEmpty();
    assertThat(result.resources()).isEqualTo(8 + 10);
    assertThat(result.findings()).isEmpty();

    String open =
        new com.marcnuri.helm.Helm(java.nio.file.Path.of("charts/kube4c"))
            .template()
            .withName("kube4c")
            .withNamespace("kube4c")
            .set("webhook.failurePolicy", "Ignore")
            .set("webhook.timeoutSeconds", "3")
            .call();
    assertThat(open).contains("failurePolicy: Ignore").contains("timeoutSeconds: 3");
  }
}
