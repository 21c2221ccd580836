package dev.kube4c.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.rules.Area;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapCommandTest {

  @TempDir Path tmp;

  private int run(StringWriter err, String... args) {
    return Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
  }

  @Test
  void withoutInputsShowsConceptsToolsAndRules() throws Exception {
    Path out = tmp.resolve("map.txt");
    assertThat(run(new StringWriter(), "map", "-o", out.toString())).isZero();
    String text = Files.readString(out, StandardCharsets.UTF_8);
    for (Area area : Area.values()) {
      assertThat(text).contains("── " + area.id()).contains(area.tools());
    }
    assertThat(text)
        .contains("rules in the catalogue", "container-privileged")
        .doesNotContain("score");
  }

  @Test
  void withInputsShowsStatusInEveryFormat() throws Exception {
    String input = "src/test/resources/reports/input/shop.yaml";
    for (String format : new String[] {"text", "markdown", "mermaid", "html"}) {
      Path out = tmp.resolve("map." + format);
      assertThat(run(new StringWriter(), "map", input, "--format", format, "-o", out.toString()))
          .as(format)
          .isZero();
      assertThat(Files.readString(out, StandardCharsets.UTF_8))
          .as(format)
          .contains("least-privilege")
          .contains("score");
    }
  }

  @Test
  void inputErrorsGiveExitCode2AndUnknownFormatsAreUsageErrors() {
    StringWriter err = new StringWriter();
    assertThat(
            run(
                err,
                "map",
                "src/test/resources/reports/input/broken.yaml",
                "-o",
                tmp.resolve("m").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("broken.yaml:5:16");
    StringWriter usage = new StringWriter();
    assertThat(run(usage, "map", "--format", "pdf")).isEqualTo(2);
    assertThat(usage.toString()).contains("--format must be one of text, html, markdown, mermaid");
  }
}
