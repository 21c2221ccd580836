package dev.kube4c.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.Location;
import dev.kube4c.source.Renderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders Helm charts with Helm's own engine (helm-java: Helm's Go code as a native library, no
 * helm binary), like {@code helm template}, and ties every object to its template through Helm's
 * {@code # Source:} comments. Only this class touches helm-java, so scans without charts never load
 * it.
 */
final class HelmRenderer {

  private static final YAMLMapper YAML = new YAMLMapper();

  // "template: web/templates/x.yaml:12:20:", "execution error at (web/templates/x.yaml:3:4):",
  // "parse error at (web/templates/x.yaml:5):", "YAML parse error on web/templates/x.yaml:"
  private static final Pattern TEMPLATE_AT =
      Pattern.compile(
          "([A-Za-z0-9_.-]+(?:/charts/[A-Za-z0-9_.-]+)*/templates/[^:()\\s]+)(?::(\\d+))?(?::(\\d+))?");
  private static final Pattern MISSING_DEPENDENCIES =
      Pattern.compile("missing in charts/ directory: ([^\\n]+)");
  private static final Pattern NIL_VALUE =
      Pattern.compile("at <\\.Values((?:\\.[A-Za-z0-9_-]+)+)>");

  private final RenderOptions options;
  private final TemplateShims shims;
  // Charts render one at a time (Rendering), so this needs no synchronisation of its own.
  private boolean engineLoaded;

  HelmRenderer(RenderOptions options) {
    this.options = options;
    this.shims = new TemplateShims(options.apiVersions());
  }

  Renderer.Rendered render(Renderer.Target target) {
    Path chart = target.path() != null && Files.isDirectory(target.path()) ? target.path() : null;
    ObjectNode metadata = chart == null ? null : chartMetadata(chart);
    String name =
        metadata != null ? metadata.path("name").asText(chartNameOf(target)) : chartNameOf(target);
    if (metadata != null && metadata.path("type").asText("").equals("library")) {
      return new Renderer.Rendered(
          List.of(),
          List.of(),
          List.of(
              target.name()
                  + ": library chart, nothing to render on its own (its templates are rendered"
                  + " in the charts that depend on it)"));
    }
    List<InputProblem> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String output;
    long started = System.nanoTime();
    try {
      output = template(target, chart, name);
    } catch (RuntimeException e) {
      String message = helmMessage(e);
      Matcher missing = MISSING_DEPENDENCIES.matcher(message);
      if (chart == null || !missing.find()) {
        problems.add(renderError(target, name, message));
        return new Renderer.Rendered(List.of(), problems, notes);
      }
      // Say which subcharts are missing and how to fetch them, then render the rest.
      List<String> absent = Arrays.stream(missing.group(1).split(",")).map(String::strip).toList();
      problems.add(
          new InputProblem(
              new Location(target.name() + "/Chart.yaml", dependenciesLine(chart), 1),
              "Helm chart "
                  + name
                  + ": dependencies missing in charts/: "
                  + String.join(", ", absent)
                  + "; fetch them with `helm dependency build "
                  + target.name()
                  + "`. The chart was rendered without them."));
      try {
        output = templateWithout(chart, name, absent);
      } catch (RuntimeException again) {
        problems.add(renderError(target, name, helmMessage(again)));
        return new Renderer.Rendered(List.of(), problems, notes);
      }
    }
    notes.add(
        target.name()
            + ": rendered Helm chart "
            + name
            + " in "
            + (System.nanoTime() - started) / 1_000_000
            + " ms"
            + (engineLoaded ? "" : " (loading Helm's engine included)"));
    engineLoaded = true;
    return new Renderer.Rendered(documents(target, chart, name, output), problems, notes);
  }

  private String template(Renderer.Target target, Path chart, String name) {
    if (target.reference() != null) {
      return template(Helm.template(target.reference()), name);
    }
    if (chart == null) {
      return templatePackaged(target.path(), name);
    }
    Map<String, String> rewritten = shims.rewrites(chart);
    if (rewritten.isEmpty()) {
      return template(new Helm(target.path()).template(), name);
    }
    return inCopy(chart, name, rewritten, copy -> {});
  }

  /** A .tgz chart: rendered as it is, or unpacked with its templates rewritten when needed. */
  private String templatePackaged(Path archive, String name) {
    Path unpacked = null;
    try {
      unpacked = Files.createTempDirectory("kube4c-chart-");
      Path chart = shims.unpackIfNeeded(archive, unpacked);
      return template(new Helm(chart != null ? chart : archive).template(), name);
    } catch (IOException e) {
      // Helm reads the archive itself and says what is wrong with it in its own words
      return template(new Helm(archive).template(), name);
    } finally {
      deleteTree(unpacked);
    }
  }

  private String template(TemplateCommand command, String name) {
    command
        .withName(options.releaseName())
        .withNamespace(options.namespace())
        .withKubeVersion(options.kubeVersion());
    options.valuesFor(name).forEach(command::withValuesFile);
    options.setsFor(name).forEach(command::set);
    try {
      String out = command.call();
      return out == null ? "" : out;
    } catch (NullPointerException e) {
      return ""; // helm-java 0.0.21 fails this way when the chart renders nothing at all
    }
  }

  /** Renders a copy of the chart whose Chart.yaml no longer lists the missing dependencies. */
  private String templateWithout(Path chart, String name, List<String> absent) {
    return inCopy(
        chart,
        name,
        shims.rewrites(chart),
        copy -> {
          ObjectNode metadata = chartMetadata(chart);
          if (metadata != null && metadata.get("dependencies") instanceof ArrayNode dependencies) {
            ArrayNode kept = metadata.arrayNode();
            for (JsonNode dependency : dependencies) {
              String dependencyName =
                  dependency.path("alias").asText(dependency.path("name").asText());
              if (!absent.contains(dependencyName)
                  && !absent.contains(dependency.path("name").asText())) {
                kept.add(dependency);
              }
            }
            metadata.set("dependencies", kept);
            YAML.writeValue(copy.resolve("Chart.yaml").toFile(), metadata);
          }
          Files.deleteIfExists(copy.resolve("Chart.lock"));
        });
  }

  /** What is changed in a chart's temporary copy before it is rendered. */
  private interface CopyEdit {
    void apply(Path copy) throws IOException;
  }

  /**
   * Renders a temporary copy of the chart with {@code rewritten} templates (relative path to text)
   * and {@code edit} applied; the copy is deleted afterwards.
   */
  private String inCopy(Path chart, String name, Map<String, String> rewritten, CopyEdit edit) {
    Path copy = null;
    try {
      copy = Files.createTempDirectory("kube4c-chart-");
      copyTree(chart, copy);
      for (Map.Entry<String, String> template : rewritten.entrySet()) {
        Files.writeString(copy.resolve(template.getKey()), template.getValue());
      }
      edit.apply(copy);
      return template(new Helm(copy).template(), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(copy);
    }
  }

  /** Splits Helm's output at its documents and ties each to its template file and line. */
  private List<Renderer.RenderedDocument> documents(
      Renderer.Target target, Path chart, String name, String output) {
    List<Renderer.RenderedDocument> documents = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    Map<String, Template> templates = new HashMap<>();
    for (String part : output.split("(?m)^---\\s*$")) {
      String source = sourceOf(part);
      if (part.isBlank() || source == null) {
        if (!part.isBlank() && hasContent(part)) {
          documents.add(
              new Renderer.RenderedDocument(
                  target.name(), 0, part, Renderer.FieldLocator.NONE, options.namespace()));
        }
        continue;
      }
      String relative = source.contains("/") ? source.substring(source.indexOf('/') + 1) : source;
      String kind = kindOf(part);
      int index = seen.merge(relative + "\u0000" + kind, 1, Integer::sum) - 1;
      Template template =
          templates.computeIfAbsent(relative, r -> Template.read(chart, target.name(), r));
      documents.add(
          template.document(kind, index, part, values(target, chart, relative), name, options));
    }
    return documents;
  }

  private static final Pattern KIND = Pattern.compile("(?m)^kind:\\s*[\"']?([A-Za-z0-9]+)");

  /** The kind written at the top level of a (rendered or template) document, or "". */
  static String kindOf(String text) {
    Matcher m = KIND.matcher(text);
    return m.find() ? m.group(1) : "";
  }

  private static boolean hasContent(String part) {
    return part.lines().anyMatch(l -> !l.isBlank() && !l.strip().startsWith("#"));
  }

  private static String sourceOf(String part) {
    for (String line : part.split("\n", 8)) {
      if (line.startsWith("# Source: ")) {
        return line.substring("# Source: ".length()).strip();
      }
    }
    return null;
  }

  /**
   * The values files that can set a template's values: its own chart's values.yaml, then (for the
   * top chart) the --values files in order.
   */
  private List<TemplateFields.ValuesSource> values(
      Renderer.Target target, Path chart, String relative) {
    List<TemplateFields.ValuesSource> sources = new ArrayList<>();
    String owner =
        relative.contains("/templates/")
            ? relative.substring(0, relative.lastIndexOf("/templates/") + 1)
            : "";
    if (chart != null) {
      sources.add(
          valuesSource(
              target.name() + "/" + owner + "values.yaml", chart.resolve(owner + "values.yaml")));
    }
    if (owner.isEmpty()) {
      for (Path file : options.valuesFor(chartNameOf(target))) {
        sources.add(valuesSource(file.toString(), file));
      }
    }
    return sources;
  }

  private static TemplateFields.ValuesSource valuesSource(String name, Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return new TemplateFields.ValuesSource(name, KeyLines.of(text, 1, Integer.MAX_VALUE));
    } catch (IOException | UncheckedIOException e) {
      return new TemplateFields.ValuesSource(name, null);
    }
  }

  /** One template file, split at its own document markers, read once per chart. */
  private record Template(String display, String text, List<int[]> sections) {

    static Template read(Path chart, String chartName, String relative) {
      String display = chartName + "/" + relative;
      String text = null;
      if (chart != null) {
        try {
          text = Files.readString(chart.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
          text = null; // a subchart from a .tgz under charts/: no file to point into
        }
      }
      List<int[]> sections = new ArrayList<>();
      if (text != null) {
        String[] lines = text.split("\n", -1);
        int start = 1;
        for (int i = 1; i <= lines.length; i++) {
          if (lines[i - 1].startsWith("---")) {
            sections.add(new int[] {start, i});
            start = i + 1;
          }
        }
        sections.add(new int[] {start, lines.length + 1});
        String content = text;
        sections.removeIf(
            s ->
                content
                    .lines()
                    .skip(s[0] - 1L)
                    .limit((long) s[1] - s[0])
                    .noneMatch(l -> !l.isBlank()));
      }
      return new Template(display, text, sections);
    }

    Renderer.RenderedDocument document(
        String kind,
        int index,
        String part,
        List<TemplateFields.ValuesSource> values,
        String chartName,
        RenderOptions options) {
      if (text == null || sections.isEmpty()) {
        return new Renderer.RenderedDocument(
            display, 0, part, Renderer.FieldLocator.NONE, options.namespace());
      }
      // The index-th rendered object of this kind comes from the index-th section of the template
      // that writes this kind (sections inside false conditions render nothing); a range that
      // makes more objects than there are sections reuses the last one, and a kind the template
      // does not write literally maps to the whole file.
      List<int[]> candidates = new ArrayList<>();
      String[] lines = text.split("\n", -1);
      for (int[] s : sections) {
        StringBuilder sectionText = new StringBuilder();
        for (int i = s[0]; i < Math.min(s[1], lines.length + 1); i++) {
          sectionText.append(lines[i - 1]).append('\n');
        }
        if (!kind.isEmpty() && kindOf(sectionText.toString()).equals(kind)) {
          candidates.add(s);
        }
      }
      int[] section =
          candidates.isEmpty()
              ? new int[] {1, Integer.MAX_VALUE}
              : candidates.get(Math.min(index, candidates.size() - 1));
      KeyLines keys = KeyLines.of(text, section[0], section[1]);
      KeyLines.Entry top = keys.longestPrefix(List.of("apiVersion"));
      if (top == null) {
        top = keys.longestPrefix(List.of("kind"));
      }
      int line = top != null ? top.line() : section[0];
      return new Renderer.RenderedDocument(
          display,
          line,
          part,
          new TemplateFields(display, keys, values, options.setsFor(chartName)),
          options.namespace());
    }
  }

  private InputProblem renderError(Renderer.Target target, String name, String message) {
    Matcher at = TEMPLATE_AT.matcher(message);
    Location location = Location.of(target.name());
    if (at.find()) {
      String relative = at.group(1).substring(at.group(1).indexOf('/') + 1);
      int line = at.group(2) == null ? 0 : Integer.parseInt(at.group(2));
      int column = at.group(3) == null ? (line > 0 ? 1 : 0) : Integer.parseInt(at.group(3));
      location = new Location(target.name() + "/" + relative, line, column);
    }
    StringBuilder text = new StringBuilder("Helm could not render chart " + name + ": " + message);
    Matcher nil = NIL_VALUE.matcher(message);
    Set<String> needed = new LinkedHashSet<>();
    while (nil.find()) {
      needed.add(nil.group(1).substring(1));
    }
    if (message.contains("error calling lookup")) {
      text.append(
          " (helm-java answers `lookup` from a cluster at localhost:8080, where there is none;"
              + " give the value the chart looks up with --set or --values)");
    }
    if (!needed.isEmpty()) {
      text.append(" (the chart needs values for ")
          .append(String.join(", ", needed))
          .append(": give them with --values FILE or --set KEY=VALUE)");
    }
    return new InputProblem(location, text.toString());
  }

  /** Helm's own message, without the advice about --debug, which kube4c has no flag for. */
  private static String helmMessage(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int debug = message.indexOf("Use --debug flag");
    return (debug >= 0 ? message.substring(0, debug) : message)
        .strip()
        .replaceAll("\\s*\\n\\s*", "; ");
  }

  private static ObjectNode chartMetadata(Path chart) {
    try {
      return YAML.readTree(chart.resolve("Chart.yaml").toFile()) instanceof ObjectNode node
          ? node
          : null;
    } catch (IOException e) {
      return null; // Helm reports a broken Chart.yaml itself, with its own words
    }
  }

  private static int dependenciesLine(Path chart) {
    try {
      KeyLines keys =
          KeyLines.of(Files.readString(chart.resolve("Chart.yaml")), 1, Integer.MAX_VALUE);
      KeyLines.Entry entry = keys.exact(List.of("dependencies"));
      return entry == null ? 1 : entry.line();
    } catch (IOException | UncheckedIOException e) {
      return 1;
    }
  }

  /** A packaged chart's name from its file name (web-1.2.3.tgz: web), for CHART: options. */
  private static String chartNameOf(Renderer.Target target) {
    String base =
        target.reference() != null ? target.reference() : target.path().getFileName().toString();
    base = base.substring(base.lastIndexOf('/') + 1).replaceAll("(\\.tgz|\\.tar\\.gz)$", "");
    return base.replaceAll("[:@].*$", "").replaceAll("-v?\\d+(\\.\\d+)*([-+].*)?$", "");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (Files.isRegularFile(file)) {
          Files.copy(file, target);
        }
      }
    }
  }

  private static void deleteTree(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary copy left behind is harmless
    }
  }
}
