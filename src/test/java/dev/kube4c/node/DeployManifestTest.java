package dev.kube4c.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.config.Config;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The node-audit Job that kube4c ships passes kube4c's own scan, apart from the host access it
 * documents.
 */
class DeployManifestTest {

  @Test
  void nodeJobPassesItsOwnScan() {
    ScanResult result = Fixtures.scan(List.of("deploy/kube4c-node-job.yaml"), Config.DEFAULT);
    assertThat(result.errors()).isEmpty();
    assertThat(result.findings()).isEmpty();
    assertThat(result.suppressed())
        .extracting(s -> s.finding().ruleId())
        .containsExactlyInAnyOrder(
            "container-run-as-root", "container-host-path-sensitive", "pss-namespace-unenforced");
  }
}
