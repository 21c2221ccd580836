package dev.kube4c.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.inventory.ClusterScope;
import dev.kube4c.inventory.ResourceRef;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.InputProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One self-contained HTML file: the 4C mind map with each area's status, findings panel, filters,
 * summary charts, CKS and framework views. Nothing is fetched: CSS, JS and SVG are inline and a
 * Content-Security-Policy forbids any network access. The data goes in as JSON (strings interned in
 * tables, findings as small arrays, so 100k findings stay a few MB) with {@code <}, {@code >} and
 * {@code &} escaped, and the page script renders it with DOM APIs only, so manifest content cannot
 * inject markup.
 */
public final class HtmlReporter implements Reporter {

  /**
   * The page parts, loaded when an HTML report is first written: every scan instantiates every
   * reporter to find its format, and hashing the script costs start-up time.
   */
  private static final class Page {
    static final String TEMPLATE = resource("report.html");
    static final String CSS = resource("report.css");
    static final String JS = resource("report.js");
    static final String CSP =
        "default-src 'none'; script-src '"
            + sha256(JS)
            + "'; style-src '"
            + sha256(CSS)
            + "'; img-src data:; base-uri 'none'; form-action 'none'";
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z]+)}}");
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public String format() {
    return "html";
  }

  @Override
  public void write(ScanResult result, ReportOptions options, Writer out) throws IOException {
    int total = result.findings().size();
    String title =
        "kube4c report: "
            + (total == 0 ? "no findings" : total + " finding" + (total == 1 ? "" : "s"));
    String meta =
        "scanned "
            + DateTimeFormatter.ISO_INSTANT.format(
                result.scannedAt().truncatedTo(ChronoUnit.SECONDS))
            + " · kube4c "
            + result.toolVersion();
    page(
        MindMap.of(result), result, ReportRules.of(result), result.toolVersion(), title, meta, out);
  }

  /**
   * The mind map without a scan ({@code kube4c map --format html}): concepts, tools and rules per
   * area.
   */
  public static void catalogue(List<RuleMetadata> rules, String version, Writer out)
      throws IOException {
    page(
        MindMap.catalogue(rules),
        null,
        rules,
        version,
        "kube4c: the 4C mind map",
        "kube4c " + version + " · " + rules.size() + " rules · Cloud ⊃ Cluster ⊃ Container ⊃ Code",
        out);
  }

  private static void page(
      MindMap map,
      ScanResult result,
      List<RuleMetadata> rules,
      String version,
      String title,
      String meta,
      Writer out)
      throws IOException {
    Map<String, String> values = new HashMap<>();
    values.put("CSP", Page.CSP); // our own constant, with no double quote in it
    values.put("VERSION", escape(version));
    values.put("TITLE", escape(title));
    values.put("HEADING", escape(title));
    values.put("META", escape(meta));
    values.put("CSS", Page.CSS);
    values.put("JS", Page.JS);
    values.put("NOSCRIPT", noscript(map));
    StringWriter data = new StringWriter();
    writeData(map, result, rules, version, data);
    values.put("DATA", data.toString());
    // Placeholders are replaced in one pass over the template, so values are never rescanned.
    Matcher matcher = PLACEHOLDER.matcher(Page.TEMPLATE);
    int at = 0;
    while (matcher.find()) {
      out.write(Page.TEMPLATE, at, matcher.start() - at);
      out.write(values.get(matcher.group(1)));
      at = matcher.end();
    }
    out.write(Page.TEMPLATE, at, Page.TEMPLATE.length() - at);
    out.flush();
  }

  /** A plain table of layer and area status for readers without JavaScript. */
  private static String noscript(MindMap map) {
    StringBuilder html =
        new StringBuilder(
            "<p>This report needs JavaScript for the mind map; the status in brief:</p><ul>");
    for (MindMap.LayerNode layer : map.layers()) {
      html.append("<li><b>").append(layer.layer().id()).append("</b>");
      if (map.scanned()) {
        html.append(": score ")
            .append(layer.score())
            .append(", ")
            .append(escape(MindMap.countsText(layer.counts())));
      }
      html.append("<ul>");
      for (MindMap.AreaNode area : layer.areas()) {
        html.append("<li>")
            .append(area.area().id())
            .append(
                map.scanned()
                    ? ": score " + area.score() + ", " + escape(MindMap.countsText(area.counts()))
                    : "")
            .append(" (")
            .append(area.rules().size())
            .append(" rules)</li>");
      }
      html.append("</ul></li>");
    }
    return html.append("</ul>").toString();
  }

  private static void writeData(
      MindMap map, ScanResult result, List<RuleMetadata> rules, String version, Writer out)
      throws IOException {
    Map<String, Integer> ruleIndex = new HashMap<>();
    rules.forEach(r -> ruleIndex.put(r.id(), ruleIndex.size()));
    Map<Area, Integer> areaIndex = new HashMap<>();
    map.layers().forEach(l -> l.areas().forEach(a -> areaIndex.put(a.area(), areaIndex.size())));
    Strings res = new Strings();
    Strings ns = new Strings();
    Strings containers = new Strings();
    Strings files = new Strings();
    Strings messages = new Strings();
    try (JsonGenerator json = JSON.createGenerator(new JsonReporter.NonClosing(out))) {
      json.setCharacterEscapes(new HtmlSafeEscapes());
      json.writeStartObject();
      json.writeNumberField("v", 1);
      json.writeBooleanField("scanned", result != null);
      json.writeObjectFieldStart("meta");
      json.writeStringField("version", version);
      if (result != null) {
        json.writeStringField(
            "scannedAt",
            DateTimeFormatter.ISO_INSTANT.format(
                result.scannedAt().truncatedTo(ChronoUnit.SECONDS)));
        json.writeNumberField("resources", result.resources());
        json.writeNumberField("rulesEvaluated", result.rulesEvaluated());
        json.writeNumberField("inputs", result.inputs().size());
        json.writeNumberField("suppressed", result.suppressed().size());
        json.writeNumberField("errors", result.errors().size());
      }
      json.writeEndObject();
      json.writeArrayFieldStart("sev");
      for (Severity severity : Severity.values()) {
        json.writeString(severity.id());
      }
      json.writeEndArray();
      json.writeArrayFieldStart("layers");
      for (MindMap.LayerNode layer : map.layers()) {
        json.writeStartObject();
        json.writeStringField("id", layer.layer().id());
        json.writeStringField("title", MindMap.layerTitle(layer.layer()));
        if (layer.score() != null) {
          json.writeNumberField("score", layer.score());
        }
        counts(json, layer.counts());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("areas");
      for (MindMap.LayerNode layer : map.layers()) {
        for (MindMap.AreaNode area : layer.areas()) {
          json.writeStartObject();
          json.writeStringField("id", area.area().id());
          json.writeNumberField("layer", layer.layer().ordinal());
          json.writeStringField("covers", area.covers());
          json.writeStringField("tools", area.area().tools());
          if (area.score() != null) {
            json.writeNumberField("score", area.score());
          }
          counts(json, area.counts());
          json.writeArrayFieldStart("rules");
          for (RuleMetadata rule : area.rules()) {
            json.writeNumber(ruleIndex.get(rule.id()));
          }
          json.writeEndArray();
          json.writeEndObject();
        }
      }
      json.writeEndArray();
      json.writeArrayFieldStart("rules");
      for (RuleMetadata rule : rules) {
        writeRule(json, rule, areaIndex.get(rule.area()));
      }
      json.writeEndArray();
      json.writeArrayFieldStart("cks");
      for (Frameworks.Cks cks : Frameworks.Cks.values()) {
        json.writeString(cks.title());
      }
      json.writeEndArray();
      json.writeArrayFieldStart("findings");
      List<Finding> findings = result == null ? List.of() : result.findings();
      for (Finding f : findings) {
        ResourceRef ref = f.resource();
        json.writeStartArray();
        json.writeNumber(ruleIndex.get(f.ruleId()));
        json.writeNumber(f.severity().ordinal());
        json.writeNumber(res.id(ref == null ? "-" : ref.display()));
        json.writeNumber(ns.id(namespace(ref)));
        json.writeNumber(
            ref == null || ref.container() == null ? -1 : containers.id(ref.container()));
        json.writeNumber(f.location() == null ? -1 : files.id(f.location().file()));
        json.writeNumber(f.location() == null ? 0 : f.location().line());
        json.writeNumber(f.location() == null ? 0 : f.location().column());
        json.writeNumber(messages.id(f.message()));
        json.writeEndArray();
      }
      json.writeEndArray();
      strings(json, "res", res);
      strings(json, "ns", ns);
      strings(json, "ctr", containers);
      strings(json, "files", files);
      strings(json, "msgs", messages);
      json.writeArrayFieldStart("errors");
      for (InputProblem problem : result == null ? List.<InputProblem>of() : result.errors()) {
        json.writeStartArray();
        json.writeString(problem.location().toString());
        json.writeString(problem.message());
        json.writeEndArray();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  private static void writeRule(JsonGenerator json, RuleMetadata rule, int area)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("id", rule.id());
    json.writeStringField("title", rule.title());
    json.writeNumberField("area", area);
    json.writeNumberField("sev", rule.severity().ordinal());
    json.writeStringField("rationale", rule.rationale());
    json.writeStringField("fix", rule.remediation());
    stringArray(json, "refs", rule.references());
    Frameworks f = rule.frameworks();
    stringArray(json, "cis", f.cis());
    stringArray(json, "nsa", f.nsa());
    stringArray(json, "mitre", f.mitre());
    if (f.pss() != null) {
      json.writeStringField("pss", f.pss());
    }
    if (f.cks() != null) {
      json.writeStringField("cks", f.cks());
    }
    json.writeEndObject();
  }

  private static String namespace(ResourceRef ref) {
    if (ref == null) {
      return "(none)";
    }
    if (ref.namespace() != null && !ref.namespace().isEmpty()) {
      return ref.namespace();
    }
    return ClusterScope.isClusterScoped(ref.kind()) ? "(cluster-scoped)" : "(none)";
  }

  private static void counts(JsonGenerator json, Map<Severity, Integer> counts) throws IOException {
    json.writeArrayFieldStart("counts");
    for (Severity severity : Severity.values()) {
      json.writeNumber(counts.getOrDefault(severity, 0));
    }
    json.writeEndArray();
  }

  private static void stringArray(JsonGenerator json, String field, List<String> values)
      throws IOException {
    if (values.isEmpty()) {
      return;
    }
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  private static void strings(JsonGenerator json, String field, Strings table) throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : table.ids.keySet()) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  /** Interns strings: findings repeat the same objects, files and messages many times. */
  private static final class Strings {
    private final Map<String, Integer> ids = new LinkedHashMap<>();

    int id(String value) {
      return ids.computeIfAbsent(value, v -> ids.size());
    }
  }

  /** Text for HTML element content and attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * JSON inside {@code <script type="application/json">}: escaping {@code <} keeps {@code
   * </script>} and {@code <!--} in manifest text from ending the element; {@code >}, {@code &} and
   * the JS line separators are escaped too for good measure.
   */
  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] escapes;

    HtmlSafeEscapes() {
      escapes = standardAsciiEscapesForJSON();
      escapes['<'] = ESCAPE_CUSTOM;
      escapes['>'] = ESCAPE_CUSTOM;
      escapes['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
        return new SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReporter.class.getResourceAsStream("html/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource html/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
