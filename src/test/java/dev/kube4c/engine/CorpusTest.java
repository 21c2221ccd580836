package dev.kube4c.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.cli.CliRunner;
import dev.kube4c.config.Config;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.InputSummary;
import dev.kube4c.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The real-world corpus in ../shared/corpus, scanned as a newcomer would: nothing may crash or
 * hide.
 */
class CorpusTest {

  @Test
  void everyCorpusFileIsScannedOrReported() throws IOException {
    Path corpus = Fixtures.shared("corpus");
    ScanResult result = Fixtures.scan(List.of(corpus.toString()), Config.DEFAULT);

    assertThat(result.errors())
        .as("rules never fail")
        .noneMatch(e -> e.message().startsWith("internal error"));
    Set<String> accounted = new HashSet<>();
    result.inputs().stream().map(InputSummary::source).forEach(accounted::add);
    result.errors().stream().map(InputProblem::location).map(l -> l.file()).forEach(accounted::add);
    List<String> charts =
        result.inputs().stream()
            .filter(i -> "Helm chart (not rendered)".equals(i.skipped()))
            .map(InputSummary::source)
            .toList();
    try (Stream<Path> files = Files.walk(corpus)) {
      List<String> missing =
          files
              .filter(Files::isRegularFile)
              .map(Path::toString)
              .filter(f -> f.endsWith(".yaml") || f.endsWith(".yml") || f.endsWith(".json"))
              .filter(f -> !f.contains("/."))
              .filter(
                  f ->
                      !accounted.contains(f)
                          && charts.stream().noneMatch(c -> f.startsWith(c + "/")))
              .toList();
      assertThat(missing)
          .as("files neither scanned, skipped with a reason, nor reported")
          .isEmpty();
    }
    assertThat(result.resources()).isGreaterThan(3500);
    assertThat(result.findings()).isNotEmpty();
  }

  @Test
  void theCliPrintsNoStackTraceOnTheCorpus() {
    Path corpus = Fixtures.shared("corpus");
    CliRunner run = CliRunner.run("scan", corpus.toString(), "--quiet", "--no-color");
    assertThat(run.exitCode()).as("the corpus has broken files, so 2").isEqualTo(2);
    assertThat(run.out() + run.err()).doesNotContain("Exception", "\tat ", "NullPointer");
    assertThat(run.out()).contains("Summary");
  }
}
