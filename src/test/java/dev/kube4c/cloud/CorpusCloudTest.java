package dev.kube4c.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.config.Config;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared corpus's cloud and control-plane sources scan without internal errors; what the cloud
 * and component rules report for them is pinned here (see docs/cloud.md and docs/components.md).
 */
class CorpusCloudTest {

  private static ScanResult scan(String... sources) {
    Path corpus = Fixtures.shared("corpus");
    List<String> paths =
        java.util.Arrays.stream(sources).map(s -> corpus.resolve(s).toString()).toList();
    ScanResult result = Fixtures.scan(paths, Config.DEFAULT);
    assertThat(result.errors()).noneMatch(e -> e.message().contains("internal error"));
    return result;
  }

  private static List<String> layerFindings(ScanResult result) {
    return result.findings().stream()
        .filter(
            f ->
                f.layer().name().equals("CLOUD")
                    || f.area().id().equals("components")
                    || f.ruleId().startsWith("apiserver-"))
        .map(f -> f.ruleId() + " " + f.resource().display())
        .sorted()
        .toList();
  }

  @Test
  void aksConstructionCompiledArmIsReadButMostlyUnresolved() {
    ScanResult result = scan("Azure__AKS-Construction");
    assertThat(result.errors()).isEmpty();
    // The whole properties object of its cluster is one ARM expression: nothing can be judged
    // without guessing.
    assertThat(layerFindings(result)).isEmpty();
  }

  @Test
  void controlPlaneSourcesGiveTheirComponentFindings() {
    ScanResult result =
        scan(
            "poseidon__terraform-render-bootstrap/resources/static-manifests",
            "kelseyhightower__kubernetes-the-hard-way");
    assertThat(layerFindings(result))
        .containsExactly(
            "apiserver-audit-log-missing Pod/kube-system/kube-apiserver",
            "apiserver-encryption-at-rest-missing Pod/kube-system/kube-apiserver",
            "apiserver-kubelet-tls-missing Pod/kube-system/kube-apiserver",
            "apiserver-profiling-enabled Pod/kube-system/kube-apiserver",
            "controller-manager-insecure-bind Pod/kube-system/kube-controller-manager",
            "controller-manager-profiling-enabled Pod/kube-system/kube-controller-manager",
            "kubelet-kernel-defaults-unprotected KubeletConfiguration/kubelet-config.yaml",
            "scheduler-insecure-bind Pod/kube-system/kube-scheduler",
            "scheduler-profiling-enabled Pod/kube-system/kube-scheduler");
  }

  @Test
  void terraformSourcesAreNotMistakenForClusters() {
    ScanResult result =
        scan(
            "terraform-aws-modules__terraform-aws-eks",
            "terraform-google-modules__terraform-google-kubernetes-engine",
            "hashicorp__terraform-provider-azurerm",
            "mspnp__aks-baseline");
    assertThat(result.findings()).map(Finding::ruleId).noneMatch(id -> id.startsWith("cloud-"));
  }
}
