package dev.kube4c.report;

import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.findings.Suppressed;
import dev.kube4c.rules.Layer;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.source.InputProblem;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML for CI test dashboards: one testsuite per layer, one testcase per (rule, object) with a
 * failure for its findings (all containers of the object in one failure), a skipped testcase for a
 * suppressed one, and one passing testcase per evaluated rule that found nothing. Input problems
 * become errors in an extra "inputs" suite. The JDK's StAX writer does the escaping.
 */
public final class JunitReporter implements Reporter {

  @Override
  public String format() {
    return "junit";
  }

  /** One testcase: a rule on one object (or, when passing, on all of them). */
  private record Case(
      RuleMetadata rule, String object, List<Finding> findings, Suppressed suppressed) {}

  @Override
  public void write(ScanResult result, ReportOptions options, Writer out) throws IOException {
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      newline(xml, 0);
      List<RuleMetadata> rules = ReportRules.of(result);
      Map<Layer, List<Case>> byLayer = cases(result, rules);
      int tests = byLayer.values().stream().mapToInt(List::size).sum() + result.errors().size();
      int failures =
          (int)
              byLayer.values().stream()
                  .flatMap(List::stream)
                  .filter(c -> !c.findings().isEmpty())
                  .count();
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "kube4c");
      xml.writeAttribute("tests", String.valueOf(tests));
      xml.writeAttribute("failures", String.valueOf(failures));
      xml.writeAttribute("errors", String.valueOf(result.errors().size()));
      String timestamp =
          DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
              result
                  .scannedAt()
                  .truncatedTo(ChronoUnit.SECONDS)
                  .atOffset(java.time.ZoneOffset.UTC));
      for (Layer layer : Layer.values()) {
        writeSuite(xml, layer, byLayer.get(layer), result, timestamp);
      }
      if (!result.errors().isEmpty()) {
        writeInputs(xml, result.errors(), timestamp);
      }
      newline(xml, 0);
      xml.writeEndElement();
      newline(xml, 0);
      xml.writeEndDocument();
      xml.flush();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
    }
  }

  /** Testcases per layer: rules in catalogue order, objects in report order within a rule. */
  private static Map<Layer, List<Case>> cases(ScanResult result, List<RuleMetadata> rules) {
    Map<String, Map<String, List<Finding>>> failing = new LinkedHashMap<>();
    for (Finding finding : result.findings()) {
      failing
          .computeIfAbsent(finding.ruleId(), k -> new LinkedHashMap<>())
          .computeIfAbsent(objectName(finding), k -> new ArrayList<>())
          .add(finding);
    }
    Map<String, List<Suppressed>> suppressed = new LinkedHashMap<>();
    result
        .suppressed()
        .forEach(
            s -> suppressed.computeIfAbsent(s.finding().ruleId(), k -> new ArrayList<>()).add(s));
    Map<Layer, List<Case>> byLayer = new LinkedHashMap<>();
    for (Layer layer : Layer.values()) {
      byLayer.put(layer, new ArrayList<>());
    }
    for (RuleMetadata rule : rules) {
      List<Case> cases = byLayer.get(rule.layer());
      Map<String, List<Finding>> objects = failing.getOrDefault(rule.id(), Map.of());
      objects.forEach((object, findings) -> cases.add(new Case(rule, object, findings, null)));
      List<Suppressed> hidden = suppressed.getOrDefault(rule.id(), List.of());
      hidden.forEach(
          s -> cases.add(new Case(rule, ReportRules.resourceLabel(s.finding()), List.of(), s)));
      if (objects.isEmpty() && hidden.isEmpty()) {
        cases.add(new Case(rule, null, List.of(), null));
      }
    }
    return byLayer;
  }

  private static String objectName(Finding finding) {
    if (finding.resource() != null) {
      return finding.resource().display();
    }
    return finding.location() == null ? "-" : finding.location().file();
  }

  private static void writeSuite(
      XMLStreamWriter xml, Layer layer, List<Case> cases, ScanResult result, String timestamp)
      throws XMLStreamException {
    newline(xml, 1);
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", layer.id());
    xml.writeAttribute("tests", String.valueOf(cases.size()));
    xml.writeAttribute(
        "failures", String.valueOf(cases.stream().filter(c -> !c.findings().isEmpty()).count()));
    xml.writeAttribute("errors", "0");
    xml.writeAttribute(
        "skipped", String.valueOf(cases.stream().filter(c -> c.suppressed() != null).count()));
    xml.writeAttribute("timestamp", timestamp);
    newline(xml, 2);
    xml.writeStartElement("properties");
    property(xml, "score", String.valueOf(result.scores().layerScores().get(layer)));
    property(xml, "findings", MindMap.countsText(result.scores().layerCounts().get(layer)));
    newline(xml, 2);
    xml.writeEndElement();
    for (Case c : cases) {
      newline(xml, 2);
      xml.writeStartElement("testcase");
      xml.writeAttribute("classname", "kube4c." + layer.id() + "." + c.rule().area().id());
      xml.writeAttribute(
          "name", clean(c.object() == null ? c.rule().id() : c.rule().id() + " " + c.object()));
      if (!c.findings().isEmpty()) {
        Finding first = c.findings().get(0);
        newline(xml, 3);
        xml.writeStartElement("failure");
        xml.writeAttribute("type", first.severity().id());
        xml.writeAttribute("message", clean(first.message()));
        xml.writeCharacters(clean(failureText(c)));
        xml.writeEndElement();
        newline(xml, 2);
      } else if (c.suppressed() != null) {
        String reason = c.suppressed().exemption().reason();
        newline(xml, 3);
        xml.writeEmptyElement("skipped");
        xml.writeAttribute(
            "message",
            clean(
                "suppressed by "
                    + c.suppressed().exemption().source()
                    + (reason == null ? "" : ": " + reason)));
        newline(xml, 2);
      }
      xml.writeEndElement();
    }
    newline(xml, 1);
    xml.writeEndElement();
  }

  private static String failureText(Case c) {
    StringBuilder text = new StringBuilder();
    text.append(c.rule().title()).append('\n');
    for (Finding f : c.findings()) {
      text.append('\n')
          .append(f.severity().id().toUpperCase(java.util.Locale.ROOT))
          .append("  ")
          .append(ReportRules.resourceLabel(f));
      if (f.location() != null) {
        text.append("  ").append(f.location());
      }
      text.append('\n').append("  ").append(f.message()).append('\n');
    }
    text.append("\nRemediation: ").append(c.rule().remediation()).append('\n');
    return text.toString();
  }

  private static void writeInputs(XMLStreamWriter xml, List<InputProblem> errors, String timestamp)
      throws XMLStreamException {
    newline(xml, 1);
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", "inputs");
    xml.writeAttribute("tests", String.valueOf(errors.size()));
    xml.writeAttribute("failures", "0");
    xml.writeAttribute("errors", String.valueOf(errors.size()));
    xml.writeAttribute("skipped", "0");
    xml.writeAttribute("timestamp", timestamp);
    for (InputProblem problem : errors) {
      newline(xml, 2);
      xml.writeStartElement("testcase");
      xml.writeAttribute("classname", "kube4c.inputs");
      xml.writeAttribute("name", clean(problem.location().toString()));
      newline(xml, 3);
      xml.writeEmptyElement("error");
      xml.writeAttribute("type", "input");
      xml.writeAttribute("message", clean(problem.message()));
      newline(xml, 2);
      xml.writeEndElement();
    }
    newline(xml, 1);
    xml.writeEndElement();
  }

  private static void property(XMLStreamWriter xml, String name, String value)
      throws XMLStreamException {
    newline(xml, 3);
    xml.writeEmptyElement("property");
    xml.writeAttribute("name", name);
    xml.writeAttribute("value", value);
  }

  private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
    xml.writeCharacters("\n" + "  ".repeat(depth));
  }

  /**
   * StAX escapes markup but passes through characters XML 1.0 forbids (most C0 controls, lone
   * surrogates, U+FFFE/U+FFFF); input files may contain them, so they become U+FFFD.
   */
  static String clean(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (out != null) {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
        continue;
      }
      ok =
          c == '\t'
              || c == '\n'
              || c == '\r'
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD);
      if (!ok && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(ok ? c : '\uFFFD');
      }
    }
    return out == null ? text : out.toString();
  }
}
