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
}
