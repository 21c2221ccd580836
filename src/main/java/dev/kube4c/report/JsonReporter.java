package dev.kube4c.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.findings.Scores;
import dev.kube4c.findings.Suppressed;
import dev.kube4c.inventory.ResourceRef;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Layer;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.InputSummary;
import dev.kube4c.source.Location;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** The JSON report of CLI.md (schemaVersion 1). Fields that do not apply are omitted. */
public final class JsonReporter implements Reporter {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public String format() {
    return "json";
  }

  @Override
  public void write(ScanResult result, ReportOptions options, Writer out) throws IOException {
    try (JsonGenerator generator = MAPPER.getFactory().createGenerator(new NonClosing(out))) {
      write(result, generator);
    }
    out.write('\n');
  }

  @Override
  public void write(ScanResult result, ReportOptions options, OutputStream out) throws IOException {
    writeUtf8(MAPPER, out, generator -> write(result, generator));
  }

  /** What a report writes to its generator. */
  interface Body {
    void writeTo(JsonGenerator generator) throws IOException;
  }

  /**
   * Writes a report through Jackson's UTF-8 generator, which encodes bytes straight from the
   * strings, then a final newline; {@code out} is left open for the caller.
   */
  static void writeUtf8(ObjectMapper mapper, OutputStream out, Body body) throws IOException {
    JsonGenerator generator = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8);
    generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    try (generator) {
      body.writeTo(generator);
    }
    out.write('\n');
  }

  private static void write(ScanResult result, JsonGenerator generator) throws IOException {
    // Findings are rendered one at a time: a 100k-object scan has over 100k of them, and holding
    // all their trees at once would double the peak memory of the scan. Same bytes as toJson.
    ObjectNode head = toJson(result, false);
    generator.setPrettyPrinter(new DefaultPrettyPrinter());
    generator.writeStartObject();
    for (Map.Entry<String, JsonNode> field : head.properties()) {
      generator.writeFieldName(field.getKey());
      if (field.getKey().equals("findings")) {
        generator.writeStartArray();
        for (Finding finding : result.findings()) {
          writeFinding(generator, finding);
        }
        generator.writeEndArray();
      } else {
        MAPPER.writeTree(generator, field.getValue());
      }
    }
    generator.writeEndObject();
  }

  public static ObjectNode toJson(ScanResult result) {
    return toJson(result, true);
  }

  /**
   * The whole report; without findings, the "findings" array is left empty (for streaming them).
   */
  private static ObjectNode toJson(ScanResult result, boolean withFindings) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", 1);
    root.putObject("tool").put("name", "kube4c").put("version", result.toolVersion());
    root.put(
        "scannedAt",
        DateTimeFormatter.ISO_INSTANT.format(result.scannedAt().truncatedTo(ChronoUnit.SECONDS)));
    ArrayNode inputs = root.putArray("inputs");
    for (InputSummary input : result.inputs()) {
      ObjectNode node =
          inputs
              .addObject()
              .put("source", input.source())
              .put("documents", input.documents())
              .put("resources", input.resources())
              .put("errors", input.errors());
      if (input.skipped() != null) {
        node.put("skipped", input.skipped());
      }
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("resources", result.resources()).put("rulesEvaluated", result.rulesEvaluated());
    Scores scores = result.scores();
    summary.set("findings", counts(scores.total()));
    ObjectNode layers = summary.putObject("layers");
    for (Layer layer : Layer.values()) {
      ObjectNode node = layers.putObject(layer.id());
      node.put("score", scores.layerScores().get(layer));
      node.set("findings", counts(scores.layerCounts().get(layer)));
      ObjectNode areas = node.putObject("areas");
      for (Area area : Area.of(layer)) {
        ObjectNode areaNode = areas.putObject(area.id());
        areaNode.put("score", scores.areaScores().get(area));
        areaNode.set("findings", counts(scores.areaCounts().get(area)));
      }
    }
    ArrayNode findings = root.putArray("findings");
    if (withFindings) {
      result.findings().forEach(f -> findings.add(finding(f)));
    }
    ArrayNode suppressed = root.putArray("suppressed");
    for (Suppressed s : result.suppressed()) {
      ObjectNode node = finding(s.finding());
      ObjectNode exception = node.putObject("exception").put("source", s.exemption().source());
      if (s.exemption().reason() != null) {
        exception.put("reason", s.exemption().reason());
      }
      if (s.exemption().expires() != null) {
        exception.put("expires", s.exemption().expires().toString());
      }
      suppressed.add(node);
    }
    ArrayNode errors = root.putArray("errors");
    for (InputProblem problem : result.errors()) {
      ObjectNode node =
          errors
              .addObject()
              .put(problem.location().isSource() ? "source" : "file", problem.location().file());
      if (problem.location().line() > 0) {
        node.put("line", problem.location().line()).put("column", problem.location().column());
      }
      node.put("message", problem.message());
    }
    return root;
  }

  private static ObjectNode counts(Map<Severity, Integer> counts) {
    ObjectNode node = MAPPER.createObjectNode();
    for (Severity severity : Severity.values()) {
      node.put(severity.id(), counts.getOrDefault(severity, 0));
    }
    return node;
  }

  /** One finding as a tree (suppressed findings, {@link #toJson}): the bytes of writeFinding. */
  static ObjectNode finding(Finding finding) {
    try (TokenBuffer buffer = new TokenBuffer(MAPPER, false)) {
      writeFinding(buffer, finding);
      return MAPPER.readTree(buffer.asParser());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes one finding straight to the generator: findings outnumber objects, and building a tree
   * for each one first cost as much as writing it.
   */
  static void writeFinding(JsonGenerator json, Finding finding) throws IOException {
    json.writeStartObject();
    json.writeStringField("ruleId", finding.ruleId());
    json.writeStringField("title", finding.title());
    json.writeStringField("layer", finding.layer().id());
    json.writeStringField("area", finding.area().id());
    json.writeStringField("severity", finding.severity().id());
    json.writeStringField("message", finding.message());
    ResourceRef ref = finding.resource();
    if (ref != null) {
      json.writeObjectFieldStart("resource");
      writeIfPresent(json, "apiVersion", ref.apiVersion());
      writeIfPresent(json, "kind", ref.kind());
      writeIfPresent(json, "namespace", ref.namespace());
      writeIfPresent(json, "name", ref.name());
      writeIfPresent(json, "container", ref.container());
      json.writeEndObject();
    }
    Location location = finding.location();
    if (location != null && location.isSource()) {
      json.writeStringField("source", location.source());
    } else if (location != null) {
      json.writeObjectFieldStart("location");
      json.writeStringField("file", location.file());
      if (location.line() > 0) {
        json.writeNumberField("line", location.line());
        json.writeNumberField("column", location.column());
      }
      json.writeEndObject();
    }
    json.writeStringField("remediation", finding.remediation());
    Frameworks frameworks = finding.frameworks();
    if (!frameworks.isEmpty()) {
      json.writeObjectFieldStart("frameworks");
      writeIfPresent(json, "cis", frameworks.cis());
      writeIfPresent(json, "nsa", frameworks.nsa());
      writeIfPresent(json, "mitre", frameworks.mitre());
      writeIfPresent(json, "pss", frameworks.pss());
      writeIfPresent(json, "cks", frameworks.cks());
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private static void writeIfPresent(JsonGenerator json, String field, String value)
      throws IOException {
    if (value != null && !value.isEmpty()) {
      json.writeStringField(field, value);
    }
  }

  private static void writeIfPresent(JsonGenerator json, String field, List<String> values)
      throws IOException {
    if (!values.isEmpty()) {
      json.writeArrayFieldStart(field);
      for (String value : values) {
        json.writeString(value);
      }
      json.writeEndArray();
    }
  }

  /** Jackson closes the target after writing; the caller owns the writer. */
  static final class NonClosing extends java.io.FilterWriter {
    NonClosing(Writer out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
