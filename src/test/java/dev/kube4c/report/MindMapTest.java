package dev.kube4c.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.testing.Fixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MindMapTest {

  @Test
  void areasAndTheirDescriptionsAreThoseOfTheSpec() throws IOException {
    String spec = Files.readString(Fixtures.shared("spec/MINDMAP.md"));
    List<String> rows = new ArrayList<>();
    String layer = null;
    for (String line : spec.split("\n")) {
      Matcher heading = Pattern.compile("^## (cloud|cluster|container|code) ").matcher(line);
      if (heading.find()) {
        layer = heading.group(1);
      }
      Matcher row = Pattern.compile("^\\| ([a-z-]+) \\| (.+?) \\| (.+?) \\|$").matcher(line);
      if (layer != null && row.find() && !row.group(1).equals("area")) {
        rows.add(layer + "/" + row.group(1) + ": " + row.group(2) + " | " + row.group(3));
      }
    }
    List<String> ours = new ArrayList<>();
    for (Area area : Area.values()) {
      ours.add(
          area.layer().id() + "/" + area.id() + ": " + MindMap.covers(area) + " | " + area.tools());
    }
    assertThat(ours).containsExactlyElementsOf(rows);
  }

  @Test
  void theCatalogueMapFilesEveryRuleUnderExactlyOneArea() {
    List<RuleMetadata> rules = RuleCatalogue.builtIn().all().stream().map(Rule::metadata).toList();
    MindMap map = MindMap.catalogue(rules);
    List<String> filed =
        map.layers().stream()
            .flatMap(l -> l.areas().stream())
            .flatMap(a -> a.rules().stream())
            .map(RuleMetadata::id)
            .toList();
    assertThat(filed)
        .containsExactlyInAnyOrderElementsOf(rules.stream().map(RuleMetadata::id).toList());
    assertThat(map.scanned()).isFalse();
  }

  @Test
  void mermaidNodeTextCannotCloseANodeEarly() {
    assertThat(MindMapFormats.mermaidText("Entra ID (AAD) [x] \"q\""))
        .doesNotContain("(", ")", "[", "]", "\"");
    StringWriter out = new StringWriter();
    MindMapFormats.mermaid(MindMap.of(GoldenScan.result()), new PrintWriter(out));
    for (String line : out.toString().split("\n")) {
      String text = line.strip();
      if (text.startsWith("tools:") || text.startsWith("rules")) {
        assertThat(text).doesNotContain("(", ")", "[", "]");
      }
    }
    assertThat(out.toString())
        .startsWith("mindmap\n  root((4C))\n")
        .contains("container_least_privilege(least-privilege · score ");
  }
}
