package dev.kube4c.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.config.Config;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Kubelet flags override the configuration file, as in the kubelet; command lines come from env
 * files and systemd units.
 */
class ComponentsTest {

  private static final Path DIR = Path.of("src/test/resources/components");

  private static List<Finding> scan(String rule, String... files) {
    List<String> paths =
        java.util.Arrays.stream(files).map(f -> DIR.resolve(f).toString()).toList();
    ScanResult result =
        Fixtures.scan(
            paths, new ScanRequest(Config.DEFAULT, null, Set.of(rule), null, Fixtures.TODAY));
    assertThat(result.errors()).isEmpty();
    return result.findings();
  }

  @Test
  void configFileAloneIsHardened() {
    assertThat(scan("kubelet-read-only-port", "kubelet-config.yaml")).isEmpty();
    assertThat(scan("kubelet-anonymous-auth", "kubelet-config.yaml")).isEmpty();
  }

  @Test
  void flagFromEnvFileOverridesTheConfigFile() {
    List<Finding> findings =
        scan("kubelet-read-only-port", "kubelet-config.yaml", "kubeadm-flags.env");
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).resource().display())
        .isEqualTo("KubeletConfiguration/kubelet-config.yaml");
    assertThat(findings.get(0).message())
        .isEqualTo("kubelet (KubeletConfiguration): --read-only-port (line 1) is 10255");
  }

  @Test
  void systemdDropInIsAKubeletCommandLine() {
    List<Finding> findings =
        scan("kubelet-anonymous-auth", "kubelet-config.yaml", "10-kubeadm.conf");
    assertThat(findings)
        .extracting(Finding::message)
        .containsExactly("kubelet (KubeletConfiguration): --anonymous-auth (line 8) is true");
  }

  @Test
  void flagsWithoutAConfigFileUseTheFlagDefaults() {
    assertThat(scan("kubelet-read-only-port", "kubeadm-flags.env"))
        .extracting(Finding::message)
        .containsExactly("kubelet (command line): --read-only-port (line 1) is 10255");
    assertThat(scan("kubelet-anonymous-auth", "kubeadm-flags.env"))
        .extracting(Finding::message)
        .containsExactly(
            "kubelet (command line): kubelet --anonymous-auth is not set (default true)");
  }

  @Test
  void wordsAndFlagsFollowShellQuoting() {
    assertThat(CommandLines.words("a 'b c' \"d e\" f\\\n  g"))
        .containsExactly("a", "b c", "d e", "f", "g");
    assertThat(
            CommandLines.flags(
                List.of(
                    "kube-apiserver",
                    "--a=1",
                    "--profiling",
                    "--b",
                    "x",
                    "--anonymous-auth",
                    "--c")))
        .extracting(CommandLines.Flag::name, CommandLines.Flag::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "1"),
            org.assertj.core.groups.Tuple.tuple("profiling", "true"),
            org.assertj.core.groups.Tuple.tuple("b", "x"),
            org.assertj.core.groups.Tuple.tuple("anonymous-auth", "true"),
            org.assertj.core.groups.Tuple.tuple("c", "true"));
  }
}
