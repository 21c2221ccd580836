package dev.kube4c.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.config.Config;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.rules.Severity;
import dev.kube4c.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/ runs kube4c in the cluster; it must pass kube4c's own scan, at the restricted PSS level
 * too.
 */
class DeployManifestsTest {

  private static final ScanRequest RESTRICTED =
      new ScanRequest(
          Config.DEFAULT.withPss("restricted", "latest"), null, null, null, Fixtures.TODAY);

  @Test
  void deployManifestsPassTheirOwnScan() {
    ScanResult result = Fixtures.scan(List.of("deploy/kube4c.yaml"), RESTRICTED);

    assertThat(result.errors()).isEmpty();
    assertThat(result.resources()).isEqualTo(8);
    assertThat(result.findings()).isEmpty();
    assertThat(result.findings()).noneMatch(f -> f.severity().atLeast(Severity.MEDIUM));
    assertThat(result.findings()).noneMatch(f -> f.ruleId().startsWith("container-"));
  }

  @Test
  void nodeAuditJobPassesWithItsReasonedExceptionsOnly() {
    ScanResult result = Fixtures.scan(List.of("deploy/kube4c-node-job.yaml"), RESTRICTED);

    assertThat(result.errors()).isEmpty();
    assertThat(result.findings()).isEmpty();
    // What it needs (root, read-only hostPath mounts) is suppressed on the Job, each with a reason.
    assertThat(result.suppressed())
        .extracting(s -> s.finding().ruleId())
        .contains("pss-restricted-run-as-user", "pss-restricted-volume-types");
    assertThat(result.suppressed())
        .allSatisfy(s -> assertThat(s.exemption().reason()).isNotBlank());
  }

  @Test
  void clusterRoleOnlyReads() {
    ScanResult result = Fixtures.scan(List.of("deploy/kube4c.yaml"), Config.DEFAULT);
    assertThat(result.inputs())
        .singleElement()
        .satisfies(i -> assertThat(i.resources()).isEqualTo(8));
    String text = new String(readDeploy());
    List<String> verbs =
        text.lines().map(String::trim).filter(l -> l.startsWith("verbs:")).toList();
    assertThat(verbs)
        .hasSize(ApiKind.NEEDED.stream().map(ApiKind::group).distinct().toList().size())
        .containsOnly("verbs: [get, list]");
    assertThat(text.lines().filter(l -> l.trim().startsWith("resources:")))
        .noneMatch(l -> l.contains("secrets") || l.contains("*"));
  }

  private static byte[] readDeploy() {
    try {
      return java.nio.file.Files.readAllBytes(java.nio.file.Path.of("deploy/kube4c.yaml"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
