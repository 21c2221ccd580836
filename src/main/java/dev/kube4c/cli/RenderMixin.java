package dev.kube4c.cli;

import dev.kube4c.render.RenderOptions;
import dev.kube4c.render.Rendering;
import dev.kube4c.source.Renderer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options of the render stage, shared by {@code scan} and {@code render}. */
final class RenderMixin {

  @Option(
      names = "--no-render",
      description =
          "Do not render Helm charts and Kustomize overlays; report chart folders as skipped.")
  boolean noRender;

  @Option(
      names = "--values",
      paramLabel = "[CHART:]FILE",
      description =
          "Helm values file for every chart, or only for the chart named CHART in its Chart.yaml; repeatable, later files win.")
  List<String> valuesFiles = new ArrayList<>();

  @Option(
      names = "--set",
      paramLabel = "[CHART:]KEY=VALUE",
      description =
          "Helm value for every chart, or only for chart CHART (web:image.tag=2); repeatable, as helm --set.")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--release-name",
      paramLabel = "NAME",
      description = "Helm release name (default: " + RenderOptions.DEFAULT_RELEASE_NAME + ").")
  String releaseName;

  @Option(
      names = "--kube-version",
      paramLabel = "VERSION",
      description =
          "Kubernetes version for .Capabilities.KubeVersion (default: "
              + RenderOptions.DEFAULT_KUBE_VERSION
              + ").")
  String kubeVersion;

  @Option(
      names = {"-a", "--api-versions"},
      paramLabel = "API",
      split = ",",
      description =
          "Extra API version for .Capabilities.APIVersions (monitoring.coreos.com/v1 or"
              + " monitoring.coreos.com/v1/ServiceMonitor), as helm template --api-versions;"
              + " repeatable or comma-separated.")
  List<String> apiVersions = new ArrayList<>();

  /** The renderer for these options, or null with --no-render; bad options are usage errors. */
  Renderer renderer(String namespace, CommandLine.Model.CommandSpec spec) {
    if (noRender) {
      return null;
    }
    RenderOptions options =
        new RenderOptions(valuesFiles, sets, releaseName, namespace, kubeVersion, apiVersions);
    List<String> problems = options.problems();
    if (!problems.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
    }
    return new Rendering(options);
  }
}
