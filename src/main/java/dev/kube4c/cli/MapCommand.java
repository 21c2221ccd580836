package dev.kube4c.cli;

import dev.kube4c.config.Config;
import dev.kube4c.config.ConfigLoader;
import dev.kube4c.engine.Pipeline;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.engine.Scanner;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.report.HtmlReporter;
import dev.kube4c.report.MindMap;
import dev.kube4c.report.MindMapFormats;
import dev.kube4c.report.ReportOptions;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.source.InputProblem;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kube4c map}: the 4C mind map alone; with inputs, each area's status from a scan of them.
 */
@Command(
    name = "map",
    description = {
      "Draw the 4C mind map: layers, areas, the tools that help in each area and the kube4c rules covering it.",
      "With PATHs, scan them and show each layer's and area's status (score, findings by severity, rules evaluated)."
    },
    sortOptions = false)
final class MapCommand implements Callable<Integer> {

  static final List<String> FORMATS = List.of("text", "html", "markdown", "mermaid");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description =
          "Files or folders to scan (recursive), or - for standard input. None: the concepts only.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = {"-f", "--format"},
      defaultValue = "text",
      description = "text, html, markdown or mermaid (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = {"-o", "--output"},
      description = "Write the map to FILE instead of standard output.")
  Path output;

  @Option(
      names = "--config",
      description = "Configuration file (default: ./.kube4c.yaml when present).")
  Path config;

  @Override
  public Integer call() throws IOException {
    if (!FORMATS.contains(format)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--format must be one of " + String.join(", ", FORMATS));
    }
    ScanResult result = paths.isEmpty() ? null : scan();
    if (output != null) {
      try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        render(result, format, writer);
      }
    } else {
      Writer writer = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
      render(result, format, writer);
      writer.flush();
    }
    if (result == null) {
      return Main.EXIT_OK;
    }
    PrintWriter err = spec.commandLine().getErr();
    result.errors().forEach(e -> err.println("error: " + e));
    err.flush();
    return result.errors().isEmpty() ? Main.EXIT_OK : Main.EXIT_ERROR;
  }

  private ScanResult scan() {
    List<InputProblem> problems = new ArrayList<>();
    Config settings = Config.DEFAULT;
    Path file =
        config != null
            ? config
            : Files.isRegularFile(Path.of(".kube4c.yaml")) ? Path.of(".kube4c.yaml") : null;
    if (config != null && !Files.isRegularFile(config)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "config file " + config + " does not exist");
    }
    if (file != null) {
      ConfigLoader.Loaded loaded = new ConfigLoader().load(file);
      problems.addAll(loaded.problems());
      settings = loaded.config();
    }
    ScanRequest request = new ScanRequest(settings, null, null, null, LocalDate.now());
    return new Pipeline(RuleCatalogue.builtIn()).scanPaths(paths, System.in, request, problems);
  }

  /** Renders the map of {@code result}, or of the catalogue when there is no scan. */
  static void render(ScanResult result, String format, Writer writer) throws IOException {
    List<RuleMetadata> catalogue =
        RuleCatalogue.builtIn().all().stream().map(Rule::metadata).toList();
    MindMap map = result == null ? MindMap.catalogue(catalogue) : MindMap.of(result);
    String heading =
        result == null
            ? "kube4c 4C mind map: " + catalogue.size() + " rules in the catalogue"
            : "kube4c 4C mind map: "
                + result.resources()
                + " resources, "
                + result.rulesEvaluated()
                + " rules evaluated, "
                + MindMap.countsText(result.scores().total());
    PrintWriter out = new PrintWriter(writer);
    switch (format) {
      case "text" -> MindMapFormats.text(map, heading, out);
      case "markdown" -> MindMapFormats.markdown(map, heading, out);
      case "mermaid" -> MindMapFormats.mermaid(map, out);
      case "html" -> {
        if (result == null) {
          HtmlReporter.catalogue(catalogue, Scanner.VERSION, writer);
        } else {
          new HtmlReporter().write(result, ReportOptions.PLAIN, writer);
        }
      }
      default -> throw new IllegalArgumentException("unknown map format " + format);
    }
    out.flush();
  }
}
