package dev.kube4c.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes, filters, config and determinism of {@code kube4c scan}, per CLI.md. */
class ScanCommandTest {

  @TempDir Path dir;

  private static final String PRIVILEGED =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: app:1\n        securityContext: {privileged: true}\n";

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void exitCodeFollowsFailOn() throws IOException {
    Path file = write("app.yaml", PRIVILEGED);
    assertThat(CliRunner.run("scan", file.toString()).exitCode()).isEqualTo(1);
    assertThat(CliRunner.run("scan", file.toString(), "--fail-on", "none").exitCode()).isZero();
    assertThat(
            CliRunner.run(
                    "scan",
                    file.toString(),
                    "--exclude-rule",
                    "container-privileged",
                    "--fail-on",
                    "critical")
                .exitCode())
        .isZero();
    assertThat(
            CliRunner.run("scan", file.toString(), "--layer", "code", "--fail-on", "low")
                .exitCode())
        .isZero();
  }

  @Test
  void usageErrorsExitWithTwoAndNoStackTrace() throws IOException {
    Path file = write("app.yaml", PRIVILEGED);
    for (String[] args :
        new String[][] {
          {"scan"},
          {"scan", file.toString(), "--fail-on", "severe"},
          {"scan", file.toString(), "--rule", "no-such-rule"},
          {"scan", file.toString(), "--layer", "kernel"},
          {"scan", file.toString(), "-f", "pdf"},
          {"scan", "--bogus"}
        }) {
      CliRunner run = CliRunner.run(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err())
          .as(String.join(" ", args))
          .startsWith("kube4c: ")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void jsonReportIsDeterministicAndFollowsTheSchema() throws IOException {
    Path file = write("app.yaml", PRIVILEGED);
    String first = CliRunner.run("scan", file.toString(), "-f", "json").out();
    String second = CliRunner.run("scan", file.toString(), "-f", "json").out();
    String withoutTime = "\"scannedAt\" : \"[^\"]+\"";
    assertThat(first.replaceAll(withoutTime, "")).isEqualTo(second.replaceAll(withoutTime, ""));
    JsonNode report = new ObjectMapper().readTree(first);
    assertThat(report.path("schemaVersion").asInt()).isEqualTo(1);
    assertThat(report.path("summary").path("layers").fieldNames())
        .toIterable()
        .containsExactly("cloud", "cluster", "container", "code");
    JsonNode finding = report.path("findings").get(0);
    assertThat(finding.path("ruleId").asText()).isEqualTo("container-privileged");
    assertThat(finding.path("resource").path("container").asText()).isEqualTo("app");
    assertThat(finding.path("location").path("line").asInt()).isEqualTo(1);
    assertThat(finding.path("frameworks").path("pss").asText()).isEqualTo("Privileged Containers");
    assertThat(report.path("findings"))
        .extracting(f -> f.path("severity").asText())
        .isSortedAccordingTo(
            java.util.Comparator.comparing(
                s -> java.util.List.of("critical", "high", "medium", "low", "info").indexOf(s)));
  }

  @Test
  void configExceptionsSuppressUntilTheyExpire() throws IOException {
    Path file = write("app.yaml", PRIVILEGED);
    Path config =
        write(
            "kube4c.yaml",
            "exceptions:\n  - rule: container-privileged\n    resources: [\"Deployment/shop/*\"]\n    reason: vendor image\n    expires: 2999-01-01\n");
    JsonNode report =
        new ObjectMapper()
            .readTree(
                CliRunner.run(
                        "scan",
                        file.toString(),
                        "-f",
                        "json",
                        "--config",
                        config.toString(),
                        "--rule",
                        "container-privileged")
                    .out());
    assertThat(report.path("findings")).isEmpty();
    assertThat(report.path("suppressed").get(0).path("exception").path("reason").asText())
        .isEqualTo("vendor image");

    Files.writeString(config, Files.readString(config).replace("2999-01-01", "2001-01-01"));
    CliRunner expired =
        CliRunner.run(
            "scan",
            file.toString(),
            "-f",
            "json",
            "--config",
            config.toString(),
            "--rule",
            "container-privileged,exception-expired");
    JsonNode again = new ObjectMapper().readTree(expired.out());
    assertThat(again.path("findings"))
        .extracting(f -> f.path("ruleId").asText())
        .containsExactlyInAnyOrder("container-privileged", "exception-expired");
    assertThat(expired.exitCode()).isEqualTo(1);
  }

  @Test
  void badConfigIsReportedWithLineAndExitTwo() throws IOException {
    Path file = write("app.yaml", PRIVILEGED);
    Path config = write("kube4c.yaml", "severity: {service-node-port: medium}\nexeptions: []\n");
    CliRunner run =
        CliRunner.run("scan", file.toString(), "--config", config.toString(), "-f", "json");
    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode error = new ObjectMapper().readTree(run.out()).path("errors").get(0);
    assertThat(error.path("message").asText()).contains("unknown setting 'exeptions'");
    assertThat(error.path("line").asInt()).isEqualTo(2);
  }

  @Test
  void severityOverridesAndAnnotationsApply() throws IOException {
    Path file =
        write(
            "app.yaml",
            PRIVILEGED.replace(
                    "namespace: shop}",
                    "namespace: shop, annotations: {kube4c.dev/ignore: container-privileged, kube4c.dev/ignore-reason: lab}}")
                + "---\napiVersion: v1\nkind: Service\nmetadata: {name: np, namespace: shop}\nspec: {type: NodePort}\n");
    Path config = write("kube4c.yaml", "severity: {service-node-port: critical}\n");
    JsonNode report =
        new ObjectMapper()
            .readTree(
                CliRunner.run(
                        "scan",
                        file.toString(),
                        "-f",
                        "json",
                        "--config",
                        config.toString(),
                        "--rule",
                        "container-privileged,service-node-port")
                    .out());
    assertThat(report.path("findings"))
        .singleElement()
        .satisfies(f -> assertThat(f.path("severity").asText()).isEqualTo("critical"));
    assertThat(report.path("suppressed").get(0).path("exception").path("source").asText())
        .isEqualTo("annotation");
  }

  @Test
  void stdinAndListsAreRead() throws IOException {
    Path list =
        write(
            "list.json",
            "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[\n{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"a\"},\"spec\":{\"type\":\"NodePort\"}},\n{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"b\"},\"spec\":{\"type\":\"NodePort\"}}]}");
    JsonNode report =
        new ObjectMapper()
            .readTree(
                CliRunner.run("scan", list.toString(), "-f", "json", "--rule", "service-node-port")
                    .out());
    assertThat(report.path("findings")).hasSize(2);
    assertThat(report.path("findings").get(1).path("location").path("line").asInt()).isEqualTo(3);
  }

  @Test
  void rulesCommandListsTheCatalogue() throws IOException {
    JsonNode rules = new ObjectMapper().readTree(CliRunner.run("rules", "--format", "json").out());
    assertThat(rules)
        .anyMatch(
            r ->
                r.path("id").asText().equals("container-privileged")
                    && r.path("layer").asText().equals("container"));
    assertThat(CliRunner.run("rules").out()).contains("image-tag-mutable");
  }
}
