package dev.kube4c.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifReporterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Schema schema() throws IOException {
    Path file = Fixtures.shared("spec/sarif-schema-2.1.0.json");
    JsonNode schema = MAPPER.readTree(file.toFile());
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema);
  }

  @Test
  void outputIsValidSarif210() throws IOException {
    JsonNode sarif = MAPPER.readTree(GoldenScan.render(new SarifReporter(), GoldenScan.result()));
    List<Error> errors = schema().validate(sarif);
    assertThat(errors).isEmpty();
  }

  /** Real-world paths, kinds and messages: the whole shared corpus as one SARIF log. */
  @Test
  void sharedCorpusGivesValidSarif() throws IOException {
    Path corpus = Fixtures.shared("corpus");
    ScanResult result = Fixtures.scan(List.of(corpus.toString()), dev.kube4c.config.Config.DEFAULT);
    JsonNode sarif = MAPPER.readTree(GoldenScan.render(new SarifReporter(), result));
    assertThat(sarif.at("/runs/0/results").size())
        .isEqualTo(result.findings().size() + result.suppressed().size())
        .isPositive();
    List<Error> errors = schema().validate(sarif);
    assertThat(errors)
        .as("schema errors (first 5): %s", errors.stream().limit(5).toList())
        .isEmpty();
  }

  @Test
  void theSchemaCheckRejectsBrokenSarif() throws IOException {
    // Guards the test above: the validator must really check the document.
    ObjectNode sarif =
        (ObjectNode) MAPPER.readTree(GoldenScan.render(new SarifReporter(), GoldenScan.result()));
    ((ObjectNode) sarif.at("/runs/0/results/0")).put("level", "fatal");
    ((ObjectNode) sarif.at("/runs/0/results/1")).remove("message");
    assertThat(schema().validate(sarif)).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void rulesCarryTagsHelpAndSecuritySeverity() throws IOException {
    JsonNode run =
        MAPPER.readTree(GoldenScan.render(new SarifReporter(), GoldenScan.result())).at("/runs/0");
    List<String> ids = new ArrayList<>();
    run.at("/tool/driver/rules").forEach(r -> ids.add(r.get("id").asText()));
    assertThat(ids).containsExactlyInAnyOrderElementsOf(GoldenScan.RULES);
    JsonNode privileged = null;
    for (JsonNode rule : run.at("/tool/driver/rules")) {
      if (rule.get("id").asText().equals("container-privileged")) {
        privileged = rule;
      }
    }
    assertThat(privileged).isNotNull();
    List<String> tags = new ArrayList<>();
    privileged.at("/properties/tags").forEach(t -> tags.add(t.asText()));
    assertThat(tags)
        .contains(
            "security",
            "layer:container",
            "area:least-privilege",
            "cis:5.2.2",
            "mitre:T1611",
            "pss:Privileged Containers");
    assertThat(privileged.at("/properties/security-severity").asText()).isEqualTo("9.5");
    assertThat(privileged.at("/help/text").asText()).contains("privileged");
    assertThat(privileged.at("/defaultConfiguration/level").asText()).isEqualTo("error");
  }

  @Test
  void resultsPointAtRelativeFilesWithRegionAndRuleIndex() throws IOException {
    ScanResult result = GoldenScan.result();
    JsonNode run = MAPPER.readTree(GoldenScan.render(new SarifReporter(), result)).at("/runs/0");
    JsonNode first = run.at("/results/0");
    assertThat(first.get("ruleId").asText()).isEqualTo("container-privileged");
    assertThat(run.at("/tool/driver/rules/" + first.get("ruleIndex").asInt() + "/id").asText())
        .isEqualTo("container-privileged");
    assertThat(first.get("level").asText()).isEqualTo("error");
    JsonNode physical = first.at("/locations/0/physicalLocation");
    assertThat(physical.at("/artifactLocation/uri").asText())
        .isEqualTo("src/test/resources/reports/input/shop.yaml");
    assertThat(physical.at("/region/startLine").asInt()).isEqualTo(2);
    assertThat(first.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
        .isEqualTo("Deployment/shop/web/app");
    int suppressed = 0;
    for (JsonNode r : run.get("results")) {
      suppressed += r.has("suppressions") ? 1 : 0;
    }
    assertThat(run.get("results")).hasSize(result.findings().size() + result.suppressed().size());
    assertThat(suppressed).isEqualTo(result.suppressed().size()).isPositive();
    assertThat(run.at("/invocations/0/executionSuccessful").asBoolean()).isFalse();
    assertThat(
            run.at(
                    "/invocations/0/toolExecutionNotifications/0/locations/0/physicalLocation/artifactLocation/uri")
                .asText())
        .endsWith("broken.yaml");
  }

  @Test
  void artifactUrisAreRelativeUnderTheBaseAndEncoded() {
    Path base = Path.of("/repo");
    assertThat(SarifReporter.artifactUri("k8s/my app.yaml", base)).contains("k8s/my%20app.yaml");
    assertThat(SarifReporter.artifactUri("/repo/k8s/a.yaml", base)).contains("k8s/a.yaml");
    assertThat(SarifReporter.artifactUri("/elsewhere/a.yaml", base))
        .contains("file:///elsewhere/a.yaml");
    assertThat(SarifReporter.artifactUri("-", base)).isEmpty();
    assertThat(SarifReporter.artifactUri("(rule x)", base)).isEmpty();
  }
}
