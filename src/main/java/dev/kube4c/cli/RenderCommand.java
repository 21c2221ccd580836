package dev.kube4c.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kube4c.source.Document;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.SourceLoader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kube4c render}: prints the objects a scan of the same paths would see, charts and overlays
 * rendered, each headed by the file and line findings on it would name. A debugging aid.
 */
@Command(
    name = "render",
    description =
        "Print what 'kube4c scan' would scan: Helm charts and Kustomize overlays rendered, each object with its source file and line.",
    sortOptions = false)
final class RenderCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description = "Files, folders, charts (.tgz, oci://).")
  List<String> paths = new ArrayList<>();

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Release namespace of rendered Helm charts (default: default).")
  String namespace;

  @CommandLine.Mixin RenderMixin render = new RenderMixin();

  @Override
  public Integer call() throws JsonProcessingException {
    SourceLoader.Loaded loaded =
        new SourceLoader(System.in, render.renderer(namespace, spec)).load(paths);
    YAMLMapper yaml =
        YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();
    PrintWriter out = spec.commandLine().getOut();
    for (Document document : loaded.documents()) {
      out.println("---");
      out.println("# kube4c: " + document.location());
      out.print(yaml.writeValueAsString(document.tree()));
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    for (InputProblem problem : loaded.problems()) {
      err.println("error: " + problem);
    }
    err.flush();
    return loaded.problems().isEmpty() ? Main.EXIT_OK : Main.EXIT_ERROR;
  }
}
