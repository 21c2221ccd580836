package dev.kube4c.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.cli.Main;
import dev.kube4c.config.Config;
import dev.kube4c.engine.Pipeline;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `scan --node ROOT` against a fake node built in a temporary folder, with chosen modes and owners.
 */
class NodeModeTest {

  @TempDir Path root;

  private boolean asRoot;

  @BeforeEach
  void buildNode() throws IOException {
    write(
        "etc/kubernetes/manifests/kube-apiserver.yaml",
        "rw-r--r--",
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Pod",
            "metadata:",
            "  name: kube-apiserver-node1",
            "  namespace: kube-system",
            "  labels: {component: kube-apiserver, tier: control-plane}",
            "spec:",
            "  containers:",
            "  - name: kube-apiserver",
            "    image: registry.k8s.io/kube-apiserver:v1.33.2",
            "    command:",
            "    - kube-apiserver",
            "    - --anonymous-auth=false",
            "    - --profiling=false",
            "    - --encryption-provider-config=/etc/kubernetes/enc/enc.yaml",
            ""));
    write(
        "etc/kubernetes/enc/enc.yaml",
        "rw-------",
        String.join(
            "\n",
            "apiVersion: apiserver.config.k8s.io/v1",
            "kind: EncryptionConfiguration",
            "resources:",
            "- resources: [secrets]",
            "  providers:",
            "  - identity: {}",
            ""));
    write(
        "etc/kubernetes/manifests/etcd.yaml",
        "rw-------",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd-node1\n  namespace: kube-system\n  labels: {component: etcd}\nspec:\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.21-0\n    command: [etcd, --cert-file=/p/s.crt, --key-file=/p/s.key, --client-cert-auth=true, --peer-cert-file=/p/p.crt, --peer-key-file=/p/p.key, --peer-client-cert-auth=true]\n");
    write("etc/kubernetes/admin.conf", "rw-------", "apiVersion: v1\nkind: Config\nclusters: []\n");
    write("etc/kubernetes/pki/ca.crt", "rw-------", "-----BEGIN CERTIFICATE-----\n");
    write("etc/kubernetes/pki/ca.key", "rw-r-----", "-----BEGIN PRIVATE KEY-----\n");
    write(
        "var/lib/kubelet/config.yaml",
        "rw-------",
        "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  anonymous:\n    enabled: false\nreadOnlyPort: 10255\n");
    Files.createDirectories(root.resolve("var/lib/etcd/member"));
    Files.setPosixFilePermissions(
        root.resolve("var/lib/etcd"), PosixFilePermissions.fromString("rwxr-xr-x"));
    write(
        "proc/812/cmdline",
        "r--r--r--",
        "/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0--anonymous-auth=true\0");
    write("proc/640/cmdline", "r--r--r--", "kube-apiserver\0--profiling=true\0");
    write("proc/self/cmdline", "r--r--r--", "bash\0");
    asRoot = "root".equals(System.getProperty("user.name"));
    if (asRoot) {
      Files.setAttribute(root.resolve("etc/kubernetes/admin.conf"), "unix:uid", 1000);
      Files.setAttribute(root.resolve("etc/kubernetes/admin.conf"), "unix:gid", 1000);
      for (String own :
          List.of(
              "etc/kubernetes/manifests/kube-apiserver.yaml",
              "etc/kubernetes/manifests/etcd.yaml",
              "etc/kubernetes/pki/ca.crt",
              "etc/kubernetes/pki/ca.key",
              "var/lib/kubelet/config.yaml",
              "var/lib/etcd")) {
        Files.setAttribute(root.resolve(own), "unix:uid", 0);
        Files.setAttribute(root.resolve(own), "unix:gid", 0);
      }
    }
  }

  private void write(String path, String mode, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
  }

  private ScanResult scan(String... rules) {
    ScanRequest request =
        new ScanRequest(Config.DEFAULT, null, Set.of(rules), null, Fixtures.TODAY);
    return new Pipeline(RuleCatalogue.builtIn())
        .scanNode(root, List.of(), new ByteArrayInputStream(new byte[0]), request, List.of());
  }

  @Test
  void reportsFilesMorePermissiveThanCisOrNotRootOwned() {
    ScanResult result = scan("node-config-file-permissions");
    assertThat(result.errors()).isEmpty();
    List<String> messages = result.findings().stream().map(Finding::message).sorted().toList();
    // Without root the files cannot be given to root, so owner complaints may follow the mode ones.
    for (String expected :
        List.of(
            "/etc/kubernetes/manifests/kube-apiserver.yaml (API server pod specification, CIS 1.1.1, 1.1.2): mode 644 is more permissive than 600",
            "/etc/kubernetes/pki/ca.key (PKI key, CIS 1.1.19, 1.1.21): mode 640 is more permissive than 600",
            "/var/lib/etcd (etcd data directory, CIS 1.1.11, 1.1.12): mode 755 is more permissive than 700")) {
      assertThat(messages).anyMatch(m -> m.startsWith(expected));
    }
    if (asRoot) {
      assertThat(messages)
          .noneMatch(
              m ->
                  m.startsWith("/etc/kubernetes/manifests/etcd.yaml")
                      || m.startsWith("/etc/kubernetes/pki/ca.crt"));
      assertThat(messages)
          .contains(
              "/etc/kubernetes/manifests/kube-apiserver.yaml (API server pod specification, CIS 1.1.1, 1.1.2): mode 644 is more permissive than 600");
      assertThat(messages)
          .contains(
              "/etc/kubernetes/admin.conf (admin kubeconfig, CIS 1.1.13, 1.1.14): owner 1000:1000 is not root:root");
      assertThat(messages).hasSize(4);
    }
    assertThat(result.findings()).allMatch(f -> f.location().file().startsWith("/"));
  }

  @Test
  void readsComponentsFromManifestsConfigFilesAndProcesses() {
    ScanResult result =
        scan(
            "kubelet-read-only-port",
            "kubelet-anonymous-auth",
            "apiserver-profiling-enabled",
            "apiserver-encryption-at-rest-missing",
            "etcd-tls-missing");
    assertThat(result.errors()).isEmpty();
    assertThat(result.findings())
        .extracting(f -> f.ruleId() + " " + f.resource().display() + " " + f.location().file())
        .containsExactlyInAnyOrder(
            "kubelet-read-only-port KubeletConfiguration/config.yaml /var/lib/kubelet/config.yaml",
            "kubelet-anonymous-auth KubeletConfiguration/config.yaml /var/lib/kubelet/config.yaml",
            "apiserver-encryption-at-rest-missing Pod/kube-system/kube-apiserver-node1 /etc/kubernetes/manifests/kube-apiserver.yaml");
    // the kube-apiserver process is ignored because its static manifest is the source of truth
    Finding anonymous =
        result.findings().stream()
            .filter(f -> f.ruleId().equals("kubelet-anonymous-auth"))
            .findFirst()
            .orElseThrow();
    assertThat(anonymous.message())
        .isEqualTo("kubelet (KubeletConfiguration): --anonymous-auth (line 1) is true");
  }

  @Test
  void commandLineRunsNodeMode() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // picocli writes the report to System.out; the exit code tells the outcome
    int code =
        Main.run(
            new String[] {
              "scan",
              "--node",
              root.toString(),
              "--rule",
              "node-config-file-permissions",
              "-f",
              "json",
              "-o",
              root.resolve("report.json").toString()
            },
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(err.toString()).isEmpty();
    assertThat(code)
        .isEqualTo(Main.EXIT_OK); // medium findings stay below the default --fail-on high
    assertThat(root.resolve("report.json"))
        .content()
        .contains("\"ruleId\" : \"node-config-file-permissions\"", "/etc/kubernetes/pki/ca.key");
    int missing =
        Main.run(
            new String[] {"scan", "--node", root.resolve("absent").toString()},
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(missing).isEqualTo(Main.EXIT_ERROR);
  }
}
