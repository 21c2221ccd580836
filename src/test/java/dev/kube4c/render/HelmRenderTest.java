package dev.kube4c.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kube4c.cli.CliRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Helm charts rendered by Helm's own engine, scanned, and findings traced to their templates. */
class HelmRenderTest {

  static final String CHARTS = "src/test/resources/render/charts";
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode scanJson(String... args) throws IOException {
    List<String> argv = new ArrayList<>(List.of("scan", "-f", "json", "--fail-on", "none"));
    argv.addAll(List.of(args));
    CliRunner run = CliRunner.run(argv.toArray(String[]::new));
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
    return JSON.readTree(run.out());
  }

  static List<JsonNode> findings(JsonNode report, String ruleId) {
    List<JsonNode> found = new ArrayList<>();
    report
        .path("findings")
        .forEach(
            f -> {
              if (f.path("ruleId").asText().equals(ruleId)) {
                found.add(f);
              }
            });
    return found;
  }

  @Test
  void privilegedFromValuesIsReportedAtTheTemplateLineNamingTheValuesKey() throws IOException {
    JsonNode report = scanJson(CHARTS + "/web", "--rule", "container-privileged");

    List<JsonNode> privileged = findings(report, "container-privileged");
    assertThat(privileged).hasSize(1);
    JsonNode finding = privileged.get(0);
    assertThat(finding.path("location").path("file").asText())
        .isEqualTo(CHARTS + "/web/templates/deployment.yaml");
    // line 20 is "securityContext:", filled by toYaml .Values.securityContext
    assertThat(finding.path("location").path("line").asInt()).isEqualTo(20);
    assertThat(finding.path("location").path("column").asInt()).isEqualTo(11);
    assertThat(finding.path("message").asText())
        .contains("securityContext.privileged is true")
        .contains("value from " + CHARTS + "/web/values.yaml:17 securityContext.privileged");
  }

  @Test
  void sarifPointsAtTheTemplate() {
    CliRunner run =
        CliRunner.run("scan", "-f", "sarif", "--rule", "container-privileged", CHARTS + "/web");
    assertThat(run.out())
        .contains("\"uri\" : \"" + CHARTS + "/web/templates/deployment.yaml\"")
        .contains("\"startLine\" : 20");
  }

  @Test
  void setOverridesValuesAndIsNamedAsTheOrigin() throws IOException {
    JsonNode report =
        scanJson(
            CHARTS + "/web",
            "--rule",
            "container-privileged",
            "--set",
            "web:securityContext.privileged=false");
    assertThat(findings(report, "container-privileged")).isEmpty();

    JsonNode forAll =
        scanJson(
            CHARTS + "/web",
            "--rule",
            "container-privileged",
            "--set",
            "securityContext.privileged=true");
    assertThat(findings(forAll, "container-privileged").get(0).path("message").asText())
        .contains("value from --set securityContext.privileged");

    JsonNode otherChart =
        scanJson(
            CHARTS + "/web",
            "--rule",
            "container-privileged",
            "--set",
            "parent:securityContext.privileged=false");
    assertThat(findings(otherChart, "container-privileged"))
        .as("a --set for another chart")
        .hasSize(1);
  }

  @Test
  void valuesFilesOverrideTheChartDefaults() {
    CliRunner plain = CliRunner.run("render", CHARTS + "/web");
    assertThat(plain.out()).contains("image: registry.example/web:1.0");

    CliRunner override =
        CliRunner.run(
            "render", CHARTS + "/web", "--values", "web:" + CHARTS + "/web-override.yaml");
    assertThat(override.exitCode()).isZero();
    assertThat(override.out()).contains("image: registry.example/web:2.5");

    CliRunner both =
        CliRunner.run(
            "render",
            CHARTS + "/web",
            "--values",
            CHARTS + "/web-override.yaml",
            "--set",
            "image.tag=3.1");
    assertThat(both.out())
        .as("--set wins over --values")
        .contains("image: registry.example/web:3.1");

    CliRunner missing = CliRunner.run("render", CHARTS + "/web", "--values", "no-such.yaml");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--values no-such.yaml: no such file");
  }

  @Test
  void releaseNamespaceHoldsTheObjectsSoNamespaceRulesDoNotMisfire() throws IOException {
    JsonNode report = scanJson(CHARTS + "/web", "--namespace", "shop", "--release-name", "prod");

    assertThat(findings(report, "namespace-limitrange-missing")).isEmpty();
    assertThat(findings(report, "namespace-resourcequota-missing")).isEmpty();
    JsonNode privileged = findings(report, "container-privileged").get(0);
    assertThat(privileged.path("resource").path("namespace").asText()).isEqualTo("shop");
    assertThat(privileged.path("resource").path("name").asText()).isEqualTo("prod-web");
  }

  @Test
  void subchartsRenderWithGlobalAndParentValues() {
    CliRunner run = CliRunner.run("render", CHARTS + "/parent");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("# kube4c: " + CHARTS + "/parent/charts/child/templates/service.yaml:1:1")
        .contains("registry: registry.example")
        .contains("port: 8443");
  }

  @Test
  void aFailingTemplateIsAnErrorAtItsLineAndOtherInputsStillScan() throws IOException {
    CliRunner run = CliRunner.run("scan", "-f", "json", CHARTS + "/failing", CHARTS + "/web");

    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode report = JSON.readTree(run.out());
    JsonNode error = report.path("errors").get(0);
    assertThat(error.path("file").asText()).isEqualTo(CHARTS + "/failing/templates/secret.yaml");
    assertThat(error.path("line").asInt()).isEqualTo(7);
    assertThat(error.path("message").asText())
        .contains("Helm could not render chart failing")
        .contains("set .Values.password: the database needs one");
    assertThat(findings(report, "container-privileged")).hasSize(1);

    CliRunner fixed =
        CliRunner.run("render", CHARTS + "/failing", "--set", "password=s3cret-value");
    assertThat(fixed.exitCode()).isZero();
    assertThat(fixed.out()).contains("kind: Secret");
  }

  @Test
  void capabilitiesFollowTheKubeVersion() {
    CliRunner run = CliRunner.run("render", CHARTS + "/capabilities");
    assertThat(run.out())
        .contains("apiVersion: policy/v1\n")
        .contains("kube-version: " + RenderOptions.DEFAULT_KUBE_VERSION);

    CliRunner older = CliRunner.run("render", CHARTS + "/capabilities", "--kube-version", "1.29.3");
    assertThat(older.out()).contains("kube-version: v1.29.3");
  }

  @Test
  void apiVersionsAddToCapabilitiesAsHelmTemplateDoes() {
    CliRunner without = CliRunner.run("render", CHARTS + "/capabilities");
    assertThat(without.out()).doesNotContain("kind: ServiceMonitor");

    CliRunner with =
        CliRunner.run(
            "render",
            CHARTS + "/capabilities",
            "--api-versions",
            "example.com/v1,monitoring.coreos.com/v1/ServiceMonitor");
    assertThat(with.exitCode()).isZero();
    assertThat(with.out()).contains("kind: ServiceMonitor");

    CliRunner otherApi =
        CliRunner.run("render", CHARTS + "/capabilities", "-a", "monitoring.coreos.com/v1");
    assertThat(otherApi.out())
        .as("Has tests the exact string, group/version/Kind here")
        .doesNotContain("kind: ServiceMonitor");
  }

  @Test
  void lookupFindsNothingAsUnderHelmTemplate() throws IOException {
    CliRunner run = CliRunner.run("scan", "-f", "json", "--fail-on", "none", CHARTS + "/lookup");

    assertThat(run.exitCode()).isZero();
    JsonNode report = JSON.readTree(run.out());
    assertThat(report.path("errors")).isEmpty();
    CliRunner render = CliRunner.run("render", CHARTS + "/lookup");
    assertThat(render.out()).contains("password: Z2VuZXJhdGVk"); // the "no such Secret" branch
  }

  @Test
  void listItemsAreToldApartInTemplateLines() throws IOException {
    JsonNode report = scanJson(CHARTS + "/sidecar", "--rule", "container-privileged");

    List<JsonNode> privileged = findings(report, "container-privileged");
    assertThat(privileged).hasSize(1);
    JsonNode location = privileged.get(0).path("location");
    assertThat(location.path("file").asText())
        .isEqualTo(CHARTS + "/sidecar/templates/deployment.yaml");
    // line 21 is the second container's "securityContext:"; line 18 is the first one's field
    assertThat(location.path("line").asInt()).isEqualTo(21);
    assertThat(privileged.get(0).path("message").asText())
        .contains(
            "value from " + CHARTS + "/sidecar/values.yaml:4 proxy.securityContext.privileged");
  }

  @Test
  void libraryChartsRenderNothingAloneAndWorkAsDependencies() {
    CliRunner library = CliRunner.run("render", CHARTS + "/common");
    assertThat(library.exitCode()).isZero();
    assertThat(library.out()).isEmpty();

    CliRunner user = CliRunner.run("render", CHARTS + "/uses-library");
    assertThat(user.exitCode()).isZero();
    assertThat(user.out())
        .contains("app.kubernetes.io/managed-by: Helm")
        .contains("app.kubernetes.io/name: uses-library");
  }

  @Test
  void aMissingDependencyIsReportedWithTheFetchCommandAndTheRestRenders() throws IOException {
    CliRunner run = CliRunner.run("scan", "-f", "json", CHARTS + "/missing-dep");

    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode report = JSON.readTree(run.out());
    JsonNode error = report.path("errors").get(0);
    assertThat(error.path("file").asText()).isEqualTo(CHARTS + "/missing-dep/Chart.yaml");
    assertThat(error.path("line").asInt()).isEqualTo(4);
    assertThat(error.path("message").asText())
        .contains("redis")
        .contains("helm dependency build " + CHARTS + "/missing-dep");
    assertThat(findings(report, "container-host-namespaces"))
        .as("the chart's own templates still render")
        .isNotEmpty();
  }

  @Test
  void chartFilesAreNotAlsoReadAsRawFiles() throws IOException {
    JsonNode report = scanJson(CHARTS);
    List<String> sources = new ArrayList<>();
    report.path("inputs").forEach(i -> sources.add(i.path("source").asText()));

    assertThat(sources)
        .contains(CHARTS + "/web", CHARTS + "/parent", CHARTS + "/web-override.yaml")
        .noneMatch(
            s ->
                s.contains("/templates/")
                    || s.endsWith("/values.yaml")
                    || s.endsWith("Chart.yaml"));
  }

  @Test
  void noRenderKeepsChartsSkipped() {
    CliRunner run = CliRunner.run("scan", "--no-render", "--no-color", CHARTS + "/web");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("1 Helm chart(s) (not rendered)");
  }
}
