package dev.kube4c.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MarkdownReporterTest {

  @Test
  void codeSpansSurviveBackticksAndPipes() {
    assertThat(MarkdownReporter.code("plain")).isEqualTo("`plain`");
    assertThat(MarkdownReporter.code("a`b")).isEqualTo("`` a`b ``");
    assertThat(MarkdownReporter.code("a``b|c\nd")).isEqualTo("``` a``b\\|c d ```");
  }

  @Test
  void manifestTextOnlyAppearsInsideCodeSpans() {
    String markdown = GoldenScan.render(new MarkdownReporter(), GoldenScan.result());
    // Drop every code span; what remains must not contain any of the hostile manifest's markup.
    String outside = Pattern.compile("(`+) .*? \\1|`[^`]*`").matcher(markdown).replaceAll("");
    assertThat(markdown).contains("onerror=alert(1)");
    assertThat(outside).doesNotContain("<img", "<b>", "<svg", "<!--", "onerror");
  }

  @Test
  void summarisesByLayerAndListsTopFindings() {
    String markdown = GoldenScan.render(new MarkdownReporter(), GoldenScan.result());
    assertThat(markdown)
        .startsWith("## kube4c: ")
        .contains(
            "| **Container** |", "### Top findings", "`container-privileged`", "### Input errors");
  }
}
