package dev.kube4c.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How charts are rendered: values files and {@code --set} pairs (each for every chart, or for one
 * chart when written {@code CHART:FILE} / {@code CHART:key=value}, CHART being the name in
 * Chart.yaml), the release name and namespace, and the Kubernetes version and extra API versions
 * (group/version or group/version/Kind) that {@code .Capabilities} reports.
 */
public record RenderOptions(
    List<String> valuesFiles,
    List<String> sets,
    String releaseName,
    String namespace,
    String kubeVersion,
    List<String> apiVersions) {

  /**
   * Helm built from source reports Kubernetes v1.20, which recent charts refuse; this is what Helm
   * 3.21 releases report.
   */
  public static final String DEFAULT_KUBE_VERSION = "v1.34.0";

  public static final String DEFAULT_RELEASE_NAME = "release-name";

  public static final RenderOptions DEFAULTS =
      new RenderOptions(List.of(), List.of(), null, null, null, List.of());

  // A chart name as Helm allows it, then ':' — so C:\\ paths and "image=nginx:1.2" stay whole.
  private static final Pattern CHART_PREFIX = Pattern.compile("([a-z0-9][a-z0-9._-]*):(.+)");

  public RenderOptions {
    valuesFiles = List.copyOf(valuesFiles);
    sets = List.copyOf(sets);
    releaseName = releaseName == null ? DEFAULT_RELEASE_NAME : releaseName;
    namespace = namespace == null ? "default" : namespace;
    kubeVersion = kubeVersion == null ? DEFAULT_KUBE_VERSION : kubeVersion;
    apiVersions = apiVersions == null ? List.of() : List.copyOf(apiVersions);
  }

  /** The {@code --set} pairs that apply to chart {@code chart}, in order (later ones win). */
  public Map<String, String> setsFor(String chart) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String set : sets) {
      String pair = forChart(set, chart, set.indexOf('='));
      if (pair != null) {
        int eq = pair.indexOf('=');
        pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return pairs;
  }

  /** The values files that apply to chart {@code chart}, in order. */
  public List<Path> valuesFor(String chart) {
    List<Path> files = new ArrayList<>();
    for (String file : valuesFiles) {
      String own = java.nio.file.Files.exists(Path.of(file)) ? file : forChart(file, chart, -1);
      if (own != null) {
        files.add(Path.of(own));
      }
    }
    return files;
  }

  /** Problems with the options themselves (a --set without '=', a values file that is missing). */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (String set : sets) {
      if (set.indexOf('=') <= 0) {
        problems.add("--set " + set + ": write key=value or CHART:key=value");
      }
    }
    for (String file : valuesFiles) {
      Matcher m = CHART_PREFIX.matcher(file);
      String path = java.nio.file.Files.exists(Path.of(file)) || !m.matches() ? file : m.group(2);
      if (!java.nio.file.Files.isRegularFile(Path.of(path))) {
        problems.add("--values " + file + ": no such file");
      }
    }
    return problems;
  }

  /**
   * The option without its chart prefix when it applies to {@code chart}; null when it is for
   * another chart. {@code limit} is where the prefix must end before (the '=' of a pair), or -1.
   */
  private static String forChart(String option, String chart, int limit) {
    Matcher m = CHART_PREFIX.matcher(option);
    if (!m.matches() || (limit >= 0 && m.end(1) > limit)) {
      return option;
    }
    return m.group(1).equals(chart) ? m.group(2) : null;
  }
}
