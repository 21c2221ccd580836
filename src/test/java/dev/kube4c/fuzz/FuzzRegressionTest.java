package dev.kube4c.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.config.Config;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.engine.Scanner;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.report.JsonReporter;
import dev.kube4c.report.ReportOptions;
import dev.kube4c.report.TextReporter;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.SourceLoader;
import dev.kube4c.testing.Fixtures;
import dev.kube4c.testing.PartitionedOracle;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every input that once crashed a fuzz target (src/fuzz, profile {@code fuzz}) through the
 * whole pipeline and both reporters, in the default test run. Each must scan without an exception
 * and without an internal rule error; loader-* files are raw fuzzer bytes, engine-* files are the
 * generated objects saved as a JSON List.
 */
class FuzzRegressionTest {

  static Stream<Path> inputs() {
    return Fixtures.list(Path.of("src/test/resources/fuzz-regressions")).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void scansWithoutInternalErrors(Path input) {
    ScanResult[] result = new ScanResult[1];
    assertThatCode(() -> result[0] = Fixtures.scan(List.of(input.toString()), Config.DEFAULT))
        .doesNotThrowAnyException();
    assertThat(result[0].errors())
        .extracting(InputProblem::message)
        .noneMatch(m -> m.startsWith("internal error"));
    assertThatCode(
            () -> {
              new JsonReporter().write(result[0], ReportOptions.PLAIN, new StringWriter());
              new TextReporter().write(result[0], ReportOptions.PLAIN, new StringWriter());
            })
        .doesNotThrowAnyException();
  }

  /** The same input held one namespace at a time gives the same findings (issue 8). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void givesTheSameFindingsOneNamespaceAtATime(Path input) {
    SourceLoader.Loaded loaded =
        new SourceLoader(new ByteArrayInputStream(new byte[0])).load(List.of(input.toString()));
    List<ObjectNode> objects = PartitionedOracle.clusterObjects(loaded.documents(), false);
    PartitionedOracle.Outcome outcome =
        PartitionedOracle.compare(
            new Scanner(RuleCatalogue.builtIn()),
            new ScanRequest(Config.DEFAULT, null, null, null, Fixtures.TODAY),
            objects);
    assertThat(outcome.differences()).isEmpty();
  }
}
