package dev.kube4c.report;

import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.rules.Layer;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.InputProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitHub-flavoured Markdown for pull-request comments: a headline, the summary by layer, the areas
 * with findings, the top findings and how to fix them. Text from the manifests only ever appears
 * inside code spans, so it cannot inject links, HTML or @-mentions into the comment.
 */
public final class MarkdownReporter implements Reporter {

  /**
   * Enough to act on; the full list is in the other formats, and GitHub caps comments at 65,536
   * characters.
   */
  static final int TOP_FINDINGS = 20;

  @Override
  public String format() {
    return "markdown";
  }

  @Override
  public void write(ScanResult result, ReportOptions options, Writer writer) throws IOException {
    PrintWriter out = new PrintWriter(writer);
    out.println("## kube4c: " + headline(result));
    out.println();
    long files = result.inputs().stream().filter(i -> i.skipped() == null).count();
    StringBuilder line = new StringBuilder();
    line.append(plural(result.resources(), "resource"))
        .append(" from ")
        .append(plural((int) files, "input"))
        .append(" · ")
        .append(plural(result.rulesEvaluated(), "rule"))
        .append(" evaluated");
    if (!result.suppressed().isEmpty()) {
      line.append(" · ").append(result.suppressed().size()).append(" suppressed");
    }
    if (!result.errors().isEmpty()) {
      line.append(" · **").append(result.errors().size()).append(" input error(s)**");
    }
    out.println(line);
    out.println();
    writeLayers(result, out);
    writeAreas(result, out);
    writeTopFindings(result, out);
    writeErrors(result.errors(), out);
    out.println(
        "<sub>kube4c "
            + result.toolVersion()
            + " · 4C model: Cloud ⊃ Cluster ⊃ Container ⊃ Code</sub>");
    out.flush();
  }

  private static String headline(ScanResult result) {
    int total = result.scores().total().values().stream().mapToInt(Integer::intValue).sum();
    return total == 0
        ? "no findings"
        : total
            + " finding"
            + (total == 1 ? "" : "s")
            + " ("
            + MindMap.countsText(result.scores().total())
            + ")";
  }

  private static void writeLayers(ScanResult result, PrintWriter out) {
    out.println("| Layer | Score | Critical | High | Medium | Low | Info |");
    out.println("|---|--:|--:|--:|--:|--:|--:|");
    for (Layer layer : Layer.values()) {
      Map<Severity, Integer> counts = result.scores().layerCounts().get(layer);
      StringBuilder row =
          new StringBuilder(
              "| **"
                  + capitalize(layer.id())
                  + "** | "
                  + result.scores().layerScores().get(layer)
                  + "/100");
      for (Severity severity : Severity.values()) {
        row.append(" | ").append(counts.getOrDefault(severity, 0));
      }
      out.println(row.append(" |"));
    }
    out.println();
  }

  private static void writeAreas(ScanResult result, PrintWriter out) {
    MindMap map = MindMap.of(result);
    List<MindMap.AreaNode> weak =
        map.layers().stream()
            .flatMap(l -> l.areas().stream())
            .filter(a -> a.findings() > 0)
            .toList();
    if (weak.isEmpty()) {
      return;
    }
    out.println("<details><summary>Areas with findings (" + weak.size() + ")</summary>");
    out.println();
    out.println("| Layer | Area | Score | Findings | Rules evaluated | Tools that help |");
    out.println("|---|---|--:|---|--:|---|");
    for (MindMap.AreaNode area : weak) {
      out.println(
          "| "
              + area.area().layer().id()
              + " | "
              + area.area().id()
              + " | "
              + area.score()
              + " | "
              + MindMap.countsText(area.counts())
              + " | "
              + area.rules().size()
              + " | "
              + text(area.area().tools())
              + " |");
    }
    out.println();
    out.println("</details>");
    out.println();
  }

  private static void writeTopFindings(ScanResult result, PrintWriter out) {
    List<Finding> findings = result.findings();
    if (findings.isEmpty()) {
      return;
    }
    List<Finding> top = findings.subList(0, Math.min(TOP_FINDINGS, findings.size()));
    out.println(
        "### Top findings"
            + (findings.size() > top.size()
                ? " (" + top.size() + " of " + findings.size() + ")"
                : ""));
    out.println();
    out.println("| Severity | Rule | Resource | Location | Message |");
    out.println("|---|---|---|---|---|");
    for (Finding f : top) {
      String location = f.location() == null ? "" : code(f.location().toString());
      out.println(
          "| "
              + f.severity().id()
              + " | "
              + code(f.ruleId())
              + " | "
              + code(ReportRules.resourceLabel(f))
              + " | "
              + location
              + " | "
              + code(f.message())
              + " |");
    }
    out.println();
    Map<String, RuleMetadata> rules = new LinkedHashMap<>();
    Map<String, RuleMetadata> known = new LinkedHashMap<>();
    ReportRules.of(result).forEach(r -> known.put(r.id(), r));
    top.forEach(f -> rules.putIfAbsent(f.ruleId(), known.get(f.ruleId())));
    out.println("<details><summary>How to fix</summary>");
    out.println();
    for (RuleMetadata rule : rules.values()) {
      out.println(
          "- " + code(rule.id()) + " " + text(rule.title()) + ": " + text(rule.remediation()));
    }
    out.println();
    out.println("</details>");
    out.println();
  }

  private static void writeErrors(List<InputProblem> errors, PrintWriter out) {
    if (errors.isEmpty()) {
      return;
    }
    out.println("### Input errors (not scanned)");
    out.println();
    errors.stream()
        .limit(TOP_FINDINGS)
        .forEach(e -> out.println("- " + code(e.location().toString()) + " " + code(e.message())));
    if (errors.size() > TOP_FINDINGS) {
      out.println("- … and " + (errors.size() - TOP_FINDINGS) + " more");
    }
    out.println();
  }

  /**
   * An inline code span for untrusted text: nothing inside is interpreted. The fence is longer than
   * any backtick run inside; pipes are escaped because GFM splits table cells before code spans.
   */
  static String code(String text) {
    String flat = text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
    int longest = 0;
    int run = 0;
    for (int i = 0; i < flat.length(); i++) {
      run = flat.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    boolean pad = flat.startsWith("`") || flat.endsWith("`") || longest > 0;
    return fence + (pad ? " " + flat + " " : flat) + fence;
  }

  /** Text from the rule catalogue (trusted, but may contain Markdown or table syntax). */
  static String text(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.replace("\n", " ").toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '|', '*', '_', '`', '[', ']', '\\' -> out.append('\\').append(c);
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  private static String capitalize(String id) {
    return Character.toUpperCase(id.charAt(0)) + id.substring(1);
  }
}
