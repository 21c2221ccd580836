package dev.kube4c.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format rendered from the same fixed scan and compared byte for byte with
 * src/test/resources/reports/golden. After an intended change, regenerate with {@code ./mvnw test
 * -Dtest=ReportGoldenTest -Dkube4c.updateGolden=true} and review the diff.
 */
class ReportGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/reports/golden");

  static Stream<Arguments> formats() {
    return Stream.of(
        Arguments.of(
            "report.txt",
            (Function<ScanResult, String>) r -> GoldenScan.render(new TextReporter(), r)),
        Arguments.of(
            "report.json",
            (Function<ScanResult, String>) r -> GoldenScan.render(new JsonReporter(), r)),
        Arguments.of(
            "report.sarif",
            (Function<ScanResult, String>) r -> GoldenScan.render(new SarifReporter(), r)),
        Arguments.of(
            "report.junit.xml",
            (Function<ScanResult, String>) r -> GoldenScan.render(new JunitReporter(), r)),
        Arguments.of(
            "report.md",
            (Function<ScanResult, String>) r -> GoldenScan.render(new MarkdownReporter(), r)),
        Arguments.of(
            "report.html",
            (Function<ScanResult, String>) r -> GoldenScan.render(new HtmlReporter(), r)),
        Arguments.of("map.txt", (Function<ScanResult, String>) r -> map(r, "text")),
        Arguments.of("map.md", (Function<ScanResult, String>) r -> map(r, "markdown")),
        Arguments.of("map.mmd", (Function<ScanResult, String>) r -> map(r, "mermaid")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void matchesGoldenFile(String name, Function<ScanResult, String> render) throws IOException {
    String actual = render.apply(GoldenScan.result());
    Path golden = GOLDEN.resolve(name);
    if (Boolean.getBoolean("kube4c.updateGolden")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(golden).as("golden file (create it with -Dkube4c.updateGolden=true)").exists();
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @Test
  void twoRendersOfTheSameResultAreIdentical() {
    ScanResult first = GoldenScan.result();
    ScanResult second = GoldenScan.result();
    for (Reporter reporter :
        new Reporter[] {
          new JsonReporter(),
          new SarifReporter(),
          new JunitReporter(),
          new MarkdownReporter(),
          new HtmlReporter()
        }) {
      assertThat(GoldenScan.render(reporter, second))
          .as(reporter.format())
          .isEqualTo(GoldenScan.render(reporter, first));
    }
  }

  /**
   * A report of many findings is rendered in shares on several threads when it goes to a stream;
   * the bytes must be those of the one-thread rendering to a writer.
   */
  @Test
  void aLargeJsonReportToAStreamIsTheReportToAWriter() throws IOException {
    ScanResult golden = GoldenScan.result();
    List<Finding> many = new ArrayList<>();
    while (many.size() < 3 * 4096 + 17) {
      many.addAll(golden.findings());
    }
    ScanResult large =
        new ScanResult(
            golden.toolVersion(),
            golden.scannedAt(),
            golden.inputs(),
            golden.resources(),
            golden.rulesEvaluated(),
            many,
            golden.suppressed(),
            golden.errors(),
            golden.scores(),
            golden.notes(),
            golden.rules());
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    new JsonReporter().write(large, ReportOptions.PLAIN, stream);

    assertThat(stream.toString(StandardCharsets.UTF_8))
        .isEqualTo(GoldenScan.render(new JsonReporter(), large));
  }

  @Test
  void theReportFormatsAreRegistered() {
    assertThat(new Reporters().formats())
        .contains("text", "json", "sarif", "junit", "markdown", "html");
  }

  static String map(ScanResult result, String format) {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    MindMap map = MindMap.of(result);
    switch (format) {
      case "text" -> MindMapFormats.text(map, "kube4c 4C mind map (golden)", out);
      case "markdown" -> MindMapFormats.markdown(map, "kube4c 4C mind map (golden)", out);
      default -> MindMapFormats.mermaid(map, out);
    }
    return text.toString();
  }
}
