package dev.kube4c.vuln.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.source.DetectorInput;
import dev.kube4c.source.Document;
import dev.kube4c.source.DocumentDetector;
import dev.kube4c.source.Location;
import java.util.List;

/**
 * Recognises Trivy ({@code trivy image -f json}: {@code SchemaVersion}, {@code ArtifactName},
 * {@code Results[].Vulnerabilities}) and Grype ({@code grype -o json}: {@code matches}, {@code
 * descriptor.name: grype}) reports by their content and turns each into one {@code
 * ImageVulnerabilityReport} document of kube4c's own model, so that image-vulnerable reports their
 * findings on the 4C map, attributed to the workloads that run the image.
 */
public final class ScannerReportDetector implements DocumentDetector {

  public static final String KIND = "ImageVulnerabilityReport";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Override
  public List<Document> detect(DetectorInput input) {
    String text = input.text();
    boolean trivy = text.contains("\"ArtifactName\"") && text.contains("\"Results\"");
    boolean grype = text.contains("\"matches\"") && text.contains("\"descriptor\"");
    if ((!trivy && !grype) || input.json().isEmpty()) {
      return List.of();
    }
    JsonNode root = input.json().get();
    ObjectNode report = null;
    if (trivy && root.has("SchemaVersion") && root.path("Results").isArray()) {
      report = fromTrivy(root);
    } else if (grype && "grype".equals(root.path("descriptor").path("name").asText())) {
      report = fromGrype(root);
    }
    return report == null
        ? List.of()
        : List.of(new Document(report, new Location(input.file(), 1, 1)));
  }

  private static ObjectNode fromTrivy(JsonNode root) {
    String image = root.path("ArtifactName").asText();
    ArrayNode vulnerabilities = NODES.arrayNode();
    for (JsonNode result : root.path("Results")) {
      for (JsonNode v : result.path("Vulnerabilities")) {
        ObjectNode out = vulnerabilities.addObject();
        out.put("id", v.path("VulnerabilityID").asText());
        out.put("summary", v.path("Title").asText(""));
        out.put("severity", v.path("Severity").asText(""));
        out.put("package", v.path("PkgName").asText());
        out.put("version", v.path("InstalledVersion").asText());
        out.put("fixedIn", v.path("FixedVersion").asText(""));
      }
    }
    return document("trivy", image, vulnerabilities);
  }

  private static ObjectNode fromGrype(JsonNode root) {
    JsonNode target = root.path("source").path("target");
    String image =
        target.isTextual()
            ? target.asText()
            : target
                .path("userInput")
                .asText(root.path("source").path("target").path("imageID").asText());
    ArrayNode vulnerabilities = NODES.arrayNode();
    for (JsonNode m : root.path("matches")) {
      JsonNode v = m.path("vulnerability");
      ObjectNode out = vulnerabilities.addObject();
      out.put("id", v.path("id").asText());
      ArrayNode aliases = out.putArray("aliases");
      m.path("relatedVulnerabilities")
          .forEach(
              r -> {
                if (!r.path("id").asText().equals(v.path("id").asText())) {
                  aliases.add(r.path("id").asText());
                }
              });
      out.put("summary", v.path("description").asText(""));
      out.put("severity", v.path("severity").asText(""));
      out.put("package", m.path("artifact").path("name").asText());
      out.put("version", m.path("artifact").path("version").asText());
      JsonNode fixes = v.path("fix").path("versions");
      out.put("fixedIn", fixes.isArray() && fixes.size() > 0 ? fixes.get(0).asText() : "");
    }
    return document("grype", image, vulnerabilities);
  }

  private static ObjectNode document(String scanner, String image, ArrayNode vulnerabilities) {
    ObjectNode doc = NODES.objectNode();
    doc.put("apiVersion", "kube4c.dev/v1");
    doc.put("kind", KIND);
    String name = image.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-");
    doc.putObject("metadata").put("name", name.isEmpty() ? "image" : name);
    ObjectNode spec = doc.putObject("spec");
    spec.put("scanner", scanner);
    spec.put("image", image);
    spec.set("vulnerabilities", vulnerabilities);
    return doc;
  }
}
