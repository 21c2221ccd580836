package dev.kube4c.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.inventory.Inventory;
import dev.kube4c.source.SourceLoader;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cloud clusters, command lines and config files live in no namespace, so namespace-level rules
 * never see "default" because of them.
 */
class SyntheticScopeTest {

  @Test
  void syntheticAndConfigKindsAreClusterScoped() {
    SourceLoader.Loaded loaded =
        new SourceLoader(new ByteArrayInputStream(new byte[0]))
            .load(
                List.of(
                    "src/test/resources/rules/cloud-rbac-disabled/pass-gke-cli.json",
                    "src/test/resources/rules/kubelet-read-only-port/pass-config.yaml",
                    "src/test/resources/rules/apiserver-profiling-enabled/pass-command-line.txt",
                    "src/test/resources/rules/apiserver-profiling-enabled/pass-kubeadm-v1beta4.yaml"));
    Inventory inventory = Inventory.of(loaded.documents(), loaded.problems());
    assertThat(inventory.resources())
        .extracting(r -> r.kind())
        .containsExactlyInAnyOrder(
            "CloudCluster", "KubeletConfiguration", "ComponentFlags", "ClusterConfiguration");
    assertThat(inventory.namespacesInUse()).isEmpty();
  }
}
