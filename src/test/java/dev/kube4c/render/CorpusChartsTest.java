package dev.kube4c.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kube4c.cli.CliRunner;
import dev.kube4c.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every unrendered chart of ../shared/corpus (24 at the time of writing) renders and scans, or
 * fails with a render error that says why (a missing dependency with its fetch command, Helm's
 * message with the template and line).
 */
class CorpusChartsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyCorpusChartRendersOrExplainsWhyNot() throws IOException {
    Path corpus = Fixtures.shared("corpus");
    List<Path> charts;
    try (Stream<Path> files = Files.walk(corpus)) {
      charts =
          files
              .filter(f -> f.getFileName().toString().equals("Chart.yaml"))
              .map(Path::getParent)
              .sorted()
              .toList();
    }
    assertThat(charts).hasSizeGreaterThanOrEqualTo(20);
    List<String> rendered = new ArrayList<>();
    List<String> unexplained = new ArrayList<>();
    for (Path chart : charts) {
      // --no-render would skip the chart: kustomizations inside are not what this test is about
      CliRunner run = CliRunner.run("scan", "-f", "json", "--fail-on", "none", chart.toString());
      assertThat(run.err()).as(chart.toString()).doesNotContain("Exception", "\tat ");
      JsonNode report = JSON.readTree(run.out());
      for (JsonNode input : report.path("inputs")) {
        if (input.path("source").asText().equals(chart.toString())
            && input.path("resources").asInt() > 0) {
          rendered.add(chart.getFileName().toString());
        }
      }
      for (JsonNode error : report.path("errors")) {
        String message = error.path("message").asText();
        boolean explained =
            message.contains("helm dependency build")
                || (message.startsWith("Helm could not render chart")
                    && error.path("file").asText().contains("/templates/")
                    && error.path("line").asInt() > 0)
                || message.startsWith("kustomize could not build")
                || message.contains("remote base");
        if (!explained) {
          unexplained.add(error.path("file").asText() + ": " + message);
        }
      }
      assertThat(run.exitCode()).as(chart.toString()).isIn(0, 2);
    }
    assertThat(unexplained).isEmpty();
    // 24 charts: 16 render objects (the dashboard chart, which calls lookup, among them); 6 have
    // no templates of their own to render (5 wrap only missing subcharts, 1 holds only helpers);
    // 2 need helpers of missing subcharts and fail with Helm's message at the template line.
    assertThat(rendered).as("charts that rendered objects").hasSizeGreaterThanOrEqualTo(16);
  }
}
