package dev.kube4c.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.kube4c.concurrent.ParallelMap;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

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
      write(result, generator, null);
    }
    out.write('\n');
  }

  @Override
  public void write(ScanResult result, ReportOptions options, OutputStream out) throws IOException {
    writeUtf8(MAPPER, out, generator -> write(result, generator, out));
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

  /**
   * @param out the generator's target, for the findings rendered in parallel; null: they are
   *     rendered on this thread
   */
  private static void write(ScanResult result, JsonGenerator generator, OutputStream out)
      throws IOException {
    // Findings are rendered one at a time: a 100k-object scan has over 100k of them, and holding
    // all their trees at once would double the peak memory of the scan. Same bytes as toJson.
    ObjectNode head = toJson(result, false);
    generator.setPrettyPrinter(new PreEncodedPrettyPrinter());
    generator.writeStartObject();
    for (Map.Entry<String, JsonNode> field : head.properties()) {
      generator.writeFieldName(field.getKey());
      if (field.getKey().equals("findings")) {
        List<Finding> findings = result.findings();
        if (out == null || findings.size() < 2 * CHUNK) {
          generator.writeStartArray();
          Encoded encoded = new Encoded();
          for (Finding finding : findings) {
            writeFinding(generator, finding, encoded);
          }
          generator.writeEndArray();
        } else {
          writeInParallel(generator, findings, out);
        }
      } else {
        MAPPER.writeTree(generator, field.getValue());
      }
    }
    generator.writeEndObject();
  }

  /** Findings per share of the array that one thread renders at a time. */
  private static final int CHUNK = 4096;

  /**
   * The findings array, its shares rendered on every core and written in order: rendering is most
   * of a report's time, and on one thread it left a core idle for 0.9 s at 100k objects. The shares
   * are taken a few per thread at a time, so that the bytes held stay a few megabytes, and one wave
   * is written on a thread of its own while the next is rendered: into a file, writing 345 MB took
   * 0.6 s of system time, with the other core idle. Arrays are pretty-printed inline ({@code [
   * {...}, {...} ]}), so the shares join with ", ". The buffers of two waves are used over and
   * over, rather than a new 4 MB buffer per share (89 of them at 100k objects).
   */
  private static void writeInParallel(
      JsonGenerator generator, List<Finding> findings, OutputStream out) throws IOException {
    generator.writeRawValue("[ "); // after the field's " : ", as a value
    generator.flush();
    int chunks = (findings.size() + CHUNK - 1) / CHUNK;
    int wave = 2 * (ForkJoinPool.getCommonPoolParallelism() + 1);
    ExecutorService writer =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "kube4c-report-writer");
              thread.setDaemon(true);
              return thread;
            });
    Queue<Rendered> free = new ConcurrentLinkedQueue<>();
    try {
      Future<?> writing = CompletableFuture.completedFuture(null);
      for (int first = 0; first < chunks; first += wave) {
        List<Integer> indexes =
            IntStream.range(first, Math.min(chunks, first + wave)).boxed().toList();
        List<Rendered> rendered =
            ParallelMap.map(
                indexes,
                c ->
                    Rendered.into(
                        free.poll(),
                        findings.subList(c * CHUNK, Math.min(findings.size(), (c + 1) * CHUNK))));
        await(writing); // at most one wave written while one is rendered
        boolean leading = first == 0;
        writing =
            writer.submit(
                () -> {
                  for (int i = 0; i < rendered.size(); i++) {
                    if (!leading || i > 0) {
                      out.write(ELEMENT_SEPARATOR);
                    }
                    rendered.get(i).writeElementsTo(out);
                    rendered.get(i).reset();
                    free.add(rendered.get(i));
                  }
                  return null;
                });
      }
      await(writing);
    } finally {
      writer.shutdownNow();
    }
    out.write(ARRAY_END);
  }

  private static void await(Future<?> writing) throws IOException {
    try {
      writing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing the report");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("writing the report failed", e.getCause());
    }
  }

  private static final byte[] ELEMENT_SEPARATOR = {',', ' '};
  private static final byte[] ARRAY_END = {' ', ']'};

  /**
   * Some findings rendered as the elements of the report's findings array: inside an object as the
   * report is, so that they are indented as they are there.
   */
  private static final class Rendered extends ByteArrayOutputStream {
    private Rendered(int size) {
      super(size);
    }

    /** The findings rendered into {@code reused} (emptied), or into a new buffer if null. */
    static Rendered into(Rendered reused, List<Finding> findings) {
      Rendered rendered = reused != null ? reused : new Rendered(findings.size() * 1024);
      try (JsonGenerator generator =
          MAPPER.getFactory().createGenerator(rendered, JsonEncoding.UTF8)) {
        generator.setPrettyPrinter(new PreEncodedPrettyPrinter());
        generator.writeStartObject();
        generator.writeFieldName("findings");
        generator.writeStartArray();
        Encoded encoded = new Encoded();
        for (Finding finding : findings) {
          writeFinding(generator, finding, encoded);
        }
        generator.writeEndArray();
        generator.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e); // not from a byte array
      }
      return rendered;
    }

    /** What lies between the array's "[ " and its " ]". */
    void writeElementsTo(OutputStream out) throws IOException {
      int from = 0;
      while (buf[from] != '[') {
        from++;
      }
      int to = count - 1;
      while (buf[to] != ']') {
        to--;
      }
      out.write(buf, from + 2, to - 1 - (from + 2));
    }
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
      writeFinding(buffer, finding, new Encoded());
      return MAPPER.readTree(buffer.asParser());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The UTF-8 encodings of the texts that repeat from finding to finding (rule ids, titles,
   * remediations, frameworks, kinds), made once per report: most of a finding's bytes, which the
   * generator otherwise encodes a character at a time for every finding (report stage at 100k
   * objects, to /dev/null: 0.95-1.01 s to 0.78-0.80 s).
   */
  static final class Encoded {
    private final Map<String, SerializableString> texts = new HashMap<>();

    SerializableString of(String text) {
      return texts.computeIfAbsent(text, SerializedString::new);
    }
  }

  private static final SerializableString RULE_ID = new SerializedString("ruleId");
  private static final SerializableString TITLE = new SerializedString("title");
  private static final SerializableString LAYER = new SerializedString("layer");
  private static final SerializableString AREA = new SerializedString("area");
  private static final SerializableString SEVERITY = new SerializedString("severity");
  private static final SerializableString MESSAGE = new SerializedString("message");
  private static final SerializableString RESOURCE = new SerializedString("resource");
  private static final SerializableString API_VERSION = new SerializedString("apiVersion");
  private static final SerializableString KIND = new SerializedString("kind");
  private static final SerializableString NAMESPACE = new SerializedString("namespace");
  private static final SerializableString NAME = new SerializedString("name");
  private static final SerializableString CONTAINER = new SerializedString("container");
  private static final SerializableString SOURCE = new SerializedString("source");
  private static final SerializableString LOCATION = new SerializedString("location");
  private static final SerializableString FILE = new SerializedString("file");
  private static final SerializableString LINE = new SerializedString("line");
  private static final SerializableString COLUMN = new SerializedString("column");
  private static final SerializableString REMEDIATION = new SerializedString("remediation");
  private static final SerializableString FRAMEWORKS = new SerializedString("frameworks");
  private static final SerializableString CIS = new SerializedString("cis");
  private static final SerializableString NSA = new SerializedString("nsa");
  private static final SerializableString MITRE = new SerializedString("mitre");
  private static final SerializableString PSS = new SerializedString("pss");
  private static final SerializableString CKS = new SerializedString("cks");

  /**
   * Writes one finding straight to the generator: findings outnumber objects, and building a tree
   * for each one first cost as much as writing it.
   */
  static void writeFinding(JsonGenerator json, Finding finding, Encoded encoded)
      throws IOException {
    json.writeStartObject();
    json.writeFieldName(RULE_ID);
    json.writeString(encoded.of(finding.ruleId()));
    json.writeFieldName(TITLE);
    json.writeString(encoded.of(finding.title()));
    json.writeFieldName(LAYER);
    json.writeString(encoded.of(finding.layer().id()));
    json.writeFieldName(AREA);
    json.writeString(encoded.of(finding.area().id()));
    json.writeFieldName(SEVERITY);
    json.writeString(encoded.of(finding.severity().id()));
    json.writeFieldName(MESSAGE);
    json.writeString(finding.message());
    ResourceRef ref = finding.resource();
    if (ref != null) {
      json.writeFieldName(RESOURCE);
      json.writeStartObject();
      writeIfPresent(json, API_VERSION, ref.apiVersion(), encoded);
      writeIfPresent(json, KIND, ref.kind(), encoded);
      writeIfPresent(json, NAMESPACE, ref.namespace(), null);
      writeIfPresent(json, NAME, ref.name(), null);
      writeIfPresent(json, CONTAINER, ref.container(), null);
      json.writeEndObject();
    }
    Location location = finding.location();
    if (location != null && location.isSource()) {
      json.writeFieldName(SOURCE);
      json.writeString(location.source());
    } else if (location != null) {
      json.writeFieldName(LOCATION);
      json.writeStartObject();
      json.writeFieldName(FILE);
      json.writeString(location.file());
      if (location.line() > 0) {
        json.writeFieldName(LINE);
        json.writeNumber(location.line());
        json.writeFieldName(COLUMN);
        json.writeNumber(location.column());
      }
      json.writeEndObject();
    }
    json.writeFieldName(REMEDIATION);
    json.writeString(encoded.of(finding.remediation()));
    Frameworks frameworks = finding.frameworks();
    if (!frameworks.isEmpty()) {
      json.writeFieldName(FRAMEWORKS);
      json.writeStartObject();
      writeIfPresent(json, CIS, frameworks.cis(), encoded);
      writeIfPresent(json, NSA, frameworks.nsa(), encoded);
      writeIfPresent(json, MITRE, frameworks.mitre(), encoded);
      writeIfPresent(json, PSS, frameworks.pss(), encoded);
      writeIfPresent(json, CKS, frameworks.cks(), encoded);
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  /**
   * @param encoded where the value's encoding is kept, for values that repeat; null for one that
   *     does not (names)
   */
  private static void writeIfPresent(
      JsonGenerator json, SerializableString field, String value, Encoded encoded)
      throws IOException {
    if (value != null && !value.isEmpty()) {
      json.writeFieldName(field);
      if (encoded == null) {
        json.writeString(value);
      } else {
        json.writeString(encoded.of(value));
      }
    }
  }

  private static void writeIfPresent(
      JsonGenerator json, SerializableString field, List<String> values, Encoded encoded)
      throws IOException {
    if (!values.isEmpty()) {
      json.writeFieldName(field);
      json.writeStartArray();
      for (String value : values) {
        json.writeString(encoded.of(value));
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
