package dev.kube4c.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kube4c.cli.CliRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input: each gives a clear error with file, line and column, the other files
 * are still scanned, the exit code is 2, and nothing prints a stack trace.
 */
class BadInputTest {

  @TempDir Path dir;

  private static final String GOOD =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: ok, namespace: shop}\nspec:\n  containers:\n  - {name: app, image: app:1, ports: [{containerPort: 80, hostPort: 80}]}\n";

  private JsonNode scanWithGoodFile(Path bad) throws IOException {
    Files.writeString(dir.resolve("good.yaml"), GOOD);
    CliRunner run =
        CliRunner.run(
            "scan",
            bad.toString(),
            dir.resolve("good.yaml").toString(),
            "-f",
            "json",
            "--rule",
            "host-port");
    assertThat(run.exitCode()).as("exit code").isEqualTo(2);
    assertThat(run.err() + run.out()).doesNotContain("Exception", "\tat ");
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.path("findings"))
        .as("the good file is still scanned")
        .anyMatch(f -> f.path("resource").path("name").asText().equals("ok"));
    assertThat(run.err()).contains("error: " + bad);
    return report.path("errors");
  }

  private static JsonNode only(JsonNode errors) {
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }

  @Test
  void anUnrenderedPlaceholderIsExplainedInYamlWordsNotParserClassNames() throws IOException {
    Path template = dir.resolve("rc-template.yaml");
    Files.writeString(
        template, "kind: ReplicationController\napiVersion: v1\nspec:\n  replicas: {{replicas}}\n");
    JsonNode error = only(scanWithGoodFile(template));
    assertThat(error.path("line").asInt()).isEqualTo(4);
    assertThat(error.path("message").asText())
        .contains("got this instead: a mapping")
        .contains("template placeholder")
        .doesNotContain("snakeyaml", "Event(");
  }

  @Test
  void invalidYamlIsReportedWithLineAndColumn() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        GOOD.replace("ok", "first")
            + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  key: [unclosed\n");
    JsonNode error = only(scanWithGoodFile(bad));
    assertThat(error.path("line").asInt()).isEqualTo(13);
    assertThat(error.path("column").asInt()).isPositive();
    assertThat(error.path("message").asText()).startsWith("invalid YAML");
  }

  @Test
  void aliasBombIsRefused() throws IOException {
    StringBuilder yaml =
        new StringBuilder(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    String previous = "a";
    for (char c = 'b'; c <= 'j'; c++) {
      yaml.append("  ")
          .append(c)
          .append(": &")
          .append(c)
          .append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, "*" + previous)))
          .append("]\n");
      previous = String.valueOf(c);
    }
    Path bad = dir.resolve("bomb.yaml");
    Files.writeString(bad, yaml);
    assertThat(only(scanWithGoodFile(bad)).path("message").asText()).contains("alias bomb");
  }

  @Test
  void legitimateAliasesAndMergeKeysAreExpanded() throws IOException {
    Path file = dir.resolve("anchors.yaml");
    Files.writeString(
        file,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: anchored\n  labels: &l {app: web}\n  annotations:\n    <<: *l\nspec:\n  containers:\n  - &c {name: app, image: app:1, securityContext: {privileged: true}}\n");
    CliRunner run =
        CliRunner.run("scan", file.toString(), "-f", "json", "--rule", "container-privileged");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("containers[0].securityContext.privileged is true");
  }

  @Test
  void deepNestingIsRefused() throws IOException {
    Path yaml = dir.resolve("deep.yaml");
    Files.writeString(
        yaml,
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: "
            + "[".repeat(5000)
            + "]".repeat(5000)
            + "\n");
    assertThat(only(scanWithGoodFile(yaml)).path("line").asInt()).isEqualTo(4);
    Path json = dir.resolve("deep.json");
    Files.writeString(
        json,
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"data\":"
            + "[".repeat(5000)
            + "]".repeat(5000)
            + "}");
    assertThat(only(scanWithGoodFile(json)).path("message").asText())
        .containsAnyOf("nested", "nesting");
  }

  @Test
  void binaryFileIsRefused() throws IOException {
    Path bad = dir.resolve("image.yaml");
    byte[] bytes = new byte[4096];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    Files.write(bad, bytes);
    assertThat(only(scanWithGoodFile(bad)).path("message").asText()).startsWith("binary file");
  }

  @Test
  void invalidUtf8IsLocated() throws IOException {
    Path bad = dir.resolve("latin1.yaml");
    Files.write(
        bad,
        "apiVersion: v1\nkind: ConfigMap\ndata:\n  k: \"caf\u00e9\"\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    JsonNode error = only(scanWithGoodFile(bad));
    assertThat(error.path("message").asText()).startsWith("invalid UTF-8");
    assertThat(error.path("line").asInt()).isEqualTo(4);
    assertThat(error.path("column").asInt()).isEqualTo(10);
  }

  @Test
  void invalidUtf8IsLocatedAfterAReplacementCharacterThatWasWritten() throws IOException {
    // U+FFFD itself is valid UTF-8 (EF BF BD); the bad byte (0xE9, Latin-1) is on line 5.
    Path bad = dir.resolve("replacement.yaml");
    byte[] head =
        "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: \"\uFFFD\"\n"
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = "  k: \"caf\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    Files.write(bad, all);
    JsonNode error = only(scanWithGoodFile(bad));
    assertThat(error.path("message").asText()).startsWith("invalid UTF-8");
    assertThat(error.path("line").asInt()).isEqualTo(5);
    assertThat(error.path("column").asInt()).isEqualTo(10);
  }

  @Test
  void hugeFileIsRefusedWithoutReadingIt() throws IOException {
    Path bad = dir.resolve("dump.yaml");
    try (OutputStream out = Files.newOutputStream(bad)) {
      byte[] block = new byte[1 << 20];
      java.util.Arrays.fill(block, (byte) 'a');
      for (int i = 0; i < 100; i++) {
        out.write(block);
      }
    }
    assertThat(only(scanWithGoodFile(bad)).path("message").asText())
        .contains("over the 64 MiB limit");
  }

  @Test
  void directoryLoopIsReportedOnce() throws IOException {
    Path tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("sub"));
    Files.createSymbolicLink(tree.resolve("sub/up"), Path.of(".."));
    assertThat(only(scanWithGoodFile(tree)).path("message").asText()).startsWith("directory loop");
  }

  @Test
  void missingFileIsAnError() throws IOException {
    assertThat(only(scanWithGoodFile(dir.resolve("nope.yaml"))).path("message").asText())
        .isEqualTo("no such file or directory");
  }

  @Test
  void emptyFileIsSkippedNotAnError() throws IOException {
    Path empty = dir.resolve("empty.yaml");
    Files.writeString(empty, "");
    CliRunner run = CliRunner.run("scan", empty.toString(), "-f", "json");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("\"skipped\" : \"empty file\"");
  }

  @Test
  void secretsInBrokenLinesAreNotEchoed() throws IOException {
    Path bad = dir.resolve("secret.yaml");
    Files.writeString(
        bad, "apiVersion: v1\nkind: Secret\nstringData:\n  password: hunter2-very-secret: oops\n");
    CliRunner run = CliRunner.run("scan", bad.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out() + run.err()).doesNotContain("hunter2");
  }
}
