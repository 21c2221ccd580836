package dev.kube4c.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kube4c serve}'s usage errors: exit 2 with one sentence, before anything listens. */
class ServeCommandTest {

  @Test
  void missingCertificateIsAUsageError(@TempDir Path dir) {
    CliRunner r =
        CliRunner.run(
            "serve",
            "--tls-cert",
            dir.resolve("no.crt").toString(),
            "--tls-key",
            dir.resolve("no.key").toString(),
            "--no-cluster");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("cannot read").doesNotContain("Exception");
  }

  @Test
  void badOptionsAreUsageErrors(@TempDir Path dir) throws Exception {
    Path cert = Files.writeString(dir.resolve("tls.crt"), "x");
    Path key = Files.writeString(dir.resolve("tls.key"), "x");
    String[] base = {
      "serve", "--tls-cert", cert.toString(), "--tls-key", key.toString(), "--no-cluster"
    };
    assertThat(run(base, "--mode", "block").err())
        .contains("--mode must be enforce, warn or audit");
    assertThat(run(base, "--deny-on", "severe").err()).contains("--deny-on must be");
    assertThat(run(base, "--rule", "no-such-rule").err())
        .contains("unknown rule id(s): no-such-rule");
    assertThat(run(base, "--verify-images").err()).contains("needs at least one --cosign-key");
    assertThat(run(base, "--image-budget", "0s").err()).contains("--image-budget");
  }

  @Test
  void brokenKeyPairEndsWithExitTwoAndAReason(@TempDir Path dir) throws Exception {
    Path cert = Files.writeString(dir.resolve("tls.crt"), "not a certificate");
    Path key = Files.writeString(dir.resolve("tls.key"), "not a key");
    CliRunner r =
        CliRunner.run(
            "serve",
            "--tls-cert",
            cert.toString(),
            "--tls-key",
            key.toString(),
            "--no-cluster",
            "--no-access-log",
            "--address",
            "127.0.0.1",
            "--port",
            "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: cannot listen").doesNotContain("\tat ");
  }

  private static CliRunner run(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    CliRunner r = CliRunner.run(all);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    return r;
  }
}
