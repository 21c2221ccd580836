package dev.kube4c.report;

import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Layer;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.InputSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The terminal report: findings grouped by layer and area, outermost layer first, then a summary
 * with scores.
 */
public final class TextReporter implements Reporter {

  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";

  @Override
  public String format() {
    return "text";
  }

  @Override
  public void write(ScanResult result, ReportOptions options, Writer writer) throws IOException {
    PrintWriter out = new PrintWriter(writer);
    Style style = new Style(options.color());
    if (!options.quiet()) {
      for (Layer layer : Layer.values()) {
        writeLayer(result, layer, style, out);
      }
      writeErrors(result.errors(), style, out);
    }
    writeSummary(result, options, style, out);
    out.flush();
  }

  private static void writeLayer(ScanResult result, Layer layer, Style style, PrintWriter out) {
    List<Finding> inLayer = result.findings().stream().filter(f -> f.layer() == layer).toList();
    out.println(
        style.bold(layer.id().toUpperCase(Locale.ROOT))
            + "  score "
            + result.scores().layerScores().get(layer)
            + "/100"
            + style.dim("  " + countsText(result.scores().layerCounts().get(layer))));
    if (inLayer.isEmpty()) {
      out.println("  no findings");
    }
    for (Area area : Area.of(layer)) {
      List<Finding> inArea = inLayer.stream().filter(f -> f.area() == area).toList();
      if (inArea.isEmpty()) {
        continue;
      }
      out.println(
          "  "
              + style.bold(area.id())
              + "  score "
              + result.scores().areaScores().get(area)
              + style.dim("  " + countsText(result.scores().areaCounts().get(area))));
      for (Finding finding : inArea) {
        String where =
            finding.resource() == null
                ? ""
                : finding.resource().display()
                    + (finding.resource().container() == null
                        ? ""
                        : " [" + finding.resource().container() + "]");
        String location =
            finding.location() == null ? "" : "  " + style.dim(finding.location().toString());
        out.println(
            "    "
                + style.severity(finding.severity())
                + "  "
                + finding.ruleId()
                + "  "
                + where
                + location);
        out.println("      " + finding.message());
      }
    }
    out.println();
  }

  private static void writeErrors(List<InputProblem> errors, Style style, PrintWriter out) {
    if (errors.isEmpty()) {
      return;
    }
    out.println(style.bold("ERRORS") + "  (not scanned)");
    for (InputProblem problem : errors) {
      out.println("  " + problem);
    }
    out.println();
  }

  private static void writeSummary(
      ScanResult result, ReportOptions options, Style style, PrintWriter out) {
    long files = result.inputs().stream().filter(i -> i.skipped() == null).count();
    out.println(
        style.bold("Summary")
            + ": "
            + result.resources()
            + " resources from "
            + files
            + " inputs, "
            + result.rulesEvaluated()
            + " rules");
    out.println(
        "  findings: "
            + countsText(result.scores().total())
            + (result.suppressed().isEmpty()
                ? ""
                : ", " + result.suppressed().size() + " suppressed"));
    StringJoiner scores = new StringJoiner(" · ");
    for (Layer layer : Layer.values()) {
      scores.add(layer.id() + " " + result.scores().layerScores().get(layer));
    }
    out.println("  scores:   " + scores);
    if (!result.errors().isEmpty()) {
      out.println(
          "  errors:   " + result.errors().size() + " input problem(s); the exit code is 2");
    }
    long charts =
        result.inputs().stream()
            .filter(i -> i.skipped() != null && i.skipped().startsWith("Helm chart"))
            .count();
    long other = result.inputs().stream().filter(i -> i.skipped() != null).count() - charts;
    if (charts + other > 0) {
      out.println(
          "  skipped:  "
              + (charts > 0 ? charts + " Helm chart(s) (not rendered), " : "")
              + other
              + " file(s) without Kubernetes objects"
              + (options.verbose() ? "" : " (--verbose lists them)"));
    }
    if (options.verbose()) {
      for (InputSummary input : result.inputs()) {
        if (input.skipped() != null) {
          out.println("    " + input.source() + ": " + input.skipped());
        }
      }
    }
  }

  static String countsText(Map<Severity, Integer> counts) {
    StringJoiner joiner = new StringJoiner(", ");
    for (Severity severity : Severity.values()) {
      int n = counts.getOrDefault(severity, 0);
      if (n > 0) {
        joiner.add(n + " " + severity.id());
      }
    }
    return joiner.length() == 0 ? "none" : joiner.toString();
  }

  /** ANSI styling that collapses to plain text when colour is off. */
  private record Style(boolean color) {
    String bold(String text) {
      return color ? BOLD + text + RESET : text;
    }

    String dim(String text) {
      return color ? DIM + text + RESET : text;
    }

    String severity(Severity severity) {
      String label = String.format("%-8s", severity.id().toUpperCase(Locale.ROOT));
      if (!color) {
        return label;
      }
      String code =
          switch (severity) {
            case CRITICAL -> "\u001b[1;35m";
            case HIGH -> "\u001b[1;31m";
            case MEDIUM -> "\u001b[33m";
            case LOW -> "\u001b[36m";
            case INFO -> "\u001b[2m";
          };
      return code + label + RESET;
    }
  }
}
