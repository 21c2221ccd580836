package dev.kube4c.report;

import dev.kube4c.rules.RuleMetadata;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The mind map as a terminal tree, a Markdown document and a Mermaid {@code mindmap}. With a scan
 * the nodes carry status; without one they list the concepts, tools and the rules covering each
 * area.
 */
public final class MindMapFormats {

  private MindMapFormats() {}

  /**
   * A tree for the terminal. {@code heading} is the first line (what was scanned, or the
   * catalogue).
   */
  public static void text(MindMap map, String heading, PrintWriter out) {
    out.println(heading);
    out.println(
        "Cloud ⊃ Cluster ⊃ Container ⊃ Code: an outer layer's hole cannot be fixed by an inner layer.");
    for (int l = 0; l < map.layers().size(); l++) {
      MindMap.LayerNode layer = map.layers().get(l);
      boolean lastLayer = l == map.layers().size() - 1;
      out.println();
      out.println(
          (lastLayer ? "└── " : "├── ")
              + layer.layer().id().toUpperCase(Locale.ROOT)
              + (map.scanned()
                  ? "  score " + layer.score() + "/100  " + MindMap.countsText(layer.counts())
                  : ""));
      String stem = lastLayer ? "    " : "│   ";
      for (int a = 0; a < layer.areas().size(); a++) {
        MindMap.AreaNode area = layer.areas().get(a);
        boolean lastArea = a == layer.areas().size() - 1;
        String status = map.scanned() ? "  " + area.status("  ") : "";
        out.println(stem + (lastArea ? "└── " : "├── ") + area.area().id() + status);
        String inner = stem + (lastArea ? "    " : "│   ") + "  ";
        out.println(inner + "covers: " + area.covers());
        out.println(inner + "tools:  " + area.area().tools());
        out.println(inner + "rules:  " + ruleList(area.rules()));
      }
    }
    out.flush();
  }

  /** Markdown: one table per layer. */
  public static void markdown(MindMap map, String heading, PrintWriter out) {
    out.println("# " + MarkdownReporter.text(heading));
    out.println();
    out.println(
        "Cloud ⊃ Cluster ⊃ Container ⊃ Code: a weak outer layer cannot be rescued by an inner one; an inner layer limits the damage when an outer one falls.");
    for (MindMap.LayerNode layer : map.layers()) {
      out.println();
      out.println(
          "## "
              + MarkdownReporter.text(MindMap.layerTitle(layer.layer()))
              + (map.scanned()
                  ? " (score " + layer.score() + "/100, " + MindMap.countsText(layer.counts()) + ")"
                  : ""));
      out.println();
      if (map.scanned()) {
        out.println("| Area | Status | Rules evaluated | Covers | Tools that help |");
        out.println("|---|---|---|---|---|");
      } else {
        out.println("| Area | Covers | Tools that help | kube4c rules |");
        out.println("|---|---|---|---|");
      }
      for (MindMap.AreaNode area : layer.areas()) {
        String rules =
            area.rules().isEmpty()
                ? "none yet"
                : area.rules().stream()
                    .map(r -> MarkdownReporter.code(r.id()))
                    .collect(Collectors.joining(", "));
        if (map.scanned()) {
          out.println(
              "| "
                  + area.area().id()
                  + " | "
                  + area.status(", ")
                  + " | "
                  + rules
                  + " | "
                  + MarkdownReporter.text(area.covers())
                  + " | "
                  + MarkdownReporter.text(area.area().tools())
                  + " |");
        } else {
          out.println(
              "| "
                  + area.area().id()
                  + " | "
                  + MarkdownReporter.text(area.covers())
                  + " | "
                  + MarkdownReporter.text(area.area().tools())
                  + " | "
                  + rules
                  + " |");
        }
      }
    }
    out.flush();
  }

  /** A Mermaid mindmap (renders on GitHub in a ```mermaid block). */
  public static void mermaid(MindMap map, PrintWriter out) {
    out.println("mindmap");
    out.println("  root((4C))");
    for (MindMap.LayerNode layer : map.layers()) {
      String layerText =
          layer.layer().id()
              + (map.scanned()
                  ? " · score " + layer.score() + " · " + MindMap.countsText(layer.counts())
                  : "");
      out.println("    " + layer.layer().id() + "[" + mermaidText(layerText) + "]");
      for (MindMap.AreaNode area : layer.areas()) {
        String status = map.scanned() ? " · " + area.status(" · ") : "";
        out.println(
            "      "
                + layer.layer().id()
                + "_"
                + area.area().id().replace('-', '_')
                + "("
                + mermaidText(area.area().id() + status)
                + ")");
        out.println("        " + mermaidText("tools: " + area.area().tools()));
        if (!map.scanned() || area.covered()) {
          // A scanned area without rules already says so in its own text.
          out.println(
              "        "
                  + mermaidText(
                      (map.scanned() ? "rules evaluated: " : "rules: ") + ruleList(area.rules())));
        }
      }
    }
    out.flush();
  }

  private static String ruleList(List<RuleMetadata> rules) {
    return rules.isEmpty()
        ? "none yet"
        : rules.stream().map(RuleMetadata::id).collect(Collectors.joining(", "));
  }

  /**
   * Mermaid node text must not contain shape delimiters or quotes; they are replaced so that
   * catalogue text such as "Entra ID (AAD)" cannot end a node early.
   */
  static String mermaidText(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '(', '[', '{', '<' -> out.append('‹');
        case ')', ']', '}', '>' -> out.append('›');
        case '"', '`' -> out.append('\'');
        case '\n', '\r' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString().strip();
  }
}
