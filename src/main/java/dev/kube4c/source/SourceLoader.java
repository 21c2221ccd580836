package dev.kube4c.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.concurrent.ParallelMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Finds the input files under the given paths and reads them, in parallel and in a stable order.
 * Every problem (missing file, loop, binary, too large, bad YAML) becomes an {@link InputProblem};
 * nothing here throws for bad input.
 */
public final class SourceLoader {

  /** Larger files are refused, so one stray dump cannot exhaust memory. */
  public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  private final ManifestReader reader = new ManifestReader();
  private final InputStream stdin;
  private final List<DocumentDetector> detectors;
  // Null: charts and overlays are skipped as before rendering existed (--no-render).
  private final Renderer renderer;

  public SourceLoader(InputStream stdin) {
    this(stdin, builtInDetectors());
  }

  public SourceLoader(InputStream stdin, List<DocumentDetector> detectors) {
    this(stdin, detectors, null);
  }

  /**
   * A loader that renders the Helm charts and Kustomize overlays it finds with {@code renderer}.
   */
  public SourceLoader(InputStream stdin, Renderer renderer) {
    this(stdin, builtInDetectors(), renderer);
  }

  public SourceLoader(InputStream stdin, List<DocumentDetector> detectors, Renderer renderer) {
    this.stdin = stdin;
    this.detectors = List.copyOf(detectors);
    this.renderer = renderer;
  }

  /**
   * The detectors registered in META-INF/services (cloud cluster JSON, component flag lists, ...).
   */
  public static List<DocumentDetector> builtInDetectors() {
    List<DocumentDetector> found = new ArrayList<>();
    java.util.ServiceLoader.load(DocumentDetector.class, SourceLoader.class.getClassLoader())
        .forEach(found::add);
    return found;
  }

  /**
   * Reads extra inputs whose names are known (node mode): same as files given on the command line.
   */
  public Loaded loadFiles(List<Path> files, List<String> names) {
    List<Input> inputs = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      inputs.add(new Input(names.get(i), files.get(i)));
    }
    return combine(
        ParallelMap.map(inputs, Input::size, this::read),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>());
  }

  /**
   * Everything the inputs gave, in input order. {@code origins} maps the location of each rendered
   * object to where its fields were written (empty when nothing was rendered); {@code streamed}:
   * the documents went to a {@link Streaming} instead of {@code documents}.
   */
  public record Loaded(
      List<Document> documents,
      List<InputProblem> problems,
      List<InputSummary> inputs,
      List<String> notes,
      Map<Location, Renderer.FieldLocator> origins,
      boolean streamed) {

    public Loaded(
        List<Document> documents,
        List<InputProblem> problems,
        List<InputSummary> inputs,
        List<String> notes,
        Map<Location, Renderer.FieldLocator> origins) {
      this(documents, problems, inputs, notes, origins, false);
    }

    public Loaded(
        List<Document> documents,
        List<InputProblem> problems,
        List<InputSummary> inputs,
        List<String> notes) {
      this(documents, problems, inputs, notes, Map.of());
    }
  }

  private record Input(String name, Path path) {
    boolean isStdin() {
      return path == null;
    }

    /** Bytes on disk, to read the largest files first; 0 for stdin or when unknown. */
    long size() {
      return path == null ? 0 : path.toFile().length();
    }
  }

  private record Outcome(
      List<Document> documents, List<InputProblem> problems, InputSummary summary) {}

  public Loaded load(List<String> paths) {
    return load(paths, null);
  }

  /**
   * As {@link #load(List)}; when the files come to more than {@code streaming.aboveBytes()}, their
   * documents go to {@code streaming} as they are read, and the result holds none ({@link
   * Loaded#streamed()}). Null: never.
   */
  public <T> Loaded load(List<String> paths, Streaming<T> streaming) {
    List<Input> inputs = new ArrayList<>();
    List<InputProblem> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<InputSummary> summaries = new ArrayList<>();
    List<Renderer.Target> targets = new ArrayList<>();
    for (String path : paths) {
      if (renderer != null && path.startsWith("oci://")) {
        targets.add(new Renderer.Target(Renderer.Kind.HELM_CHART, path, null, path));
      } else {
        collect(path, inputs, problems, notes, summaries, targets);
      }
    }
    long bytes = inputs.stream().mapToLong(Input::size).sum();
    boolean streamed = streaming != null && bytes > streaming.aboveBytes();
    Loaded files =
        streamed
            ? streamInWaves(inputs, streaming, problems, notes, summaries)
            : combine(ParallelMap.map(inputs, Input::size, this::read), problems, notes, summaries);
    // A chart inside a folder that was also given is found twice; it is rendered once.
    java.util.Set<Object> seen = new java.util.HashSet<>();
    targets.removeIf(
        t -> !seen.add(t.path() == null ? t.reference() : t.path().toAbsolutePath().normalize()));
    Loaded loaded = targets.isEmpty() ? files : withRendered(files, targets);
    if (!streamed) {
      return loaded;
    }
    loaded.documents().forEach(d -> streaming.sink().accept(streaming.prepare().apply(d)));
    return new Loaded(
        List.of(), loaded.problems(), loaded.inputs(), loaded.notes(), loaded.origins(), true);
  }

  /**
   * How to take the documents of large inputs as they are read rather than all at once: {@code
   * prepare} runs on the reading threads, {@code sink} on one thread, in input order.
   */
  public record Streaming<T>(
      long aboveBytes, long waveBytes, Function<Document, T> prepare, Consumer<T> sink) {

    /** Files read in waves of about 32 MB: some 70 MB of trees at a time. */
    public Streaming(long aboveBytes, Function<Document, T> prepare, Consumer<T> sink) {
      this(aboveBytes, 32L << 20, prepare, sink);
    }
  }

  /**
   * Reads consecutive groups of inputs of about {@code waveBytes} in parallel and hands each
   * group's documents on before the next is read, so that memory holds one group's trees, not all.
   */
  private <T> Loaded streamInWaves(
      List<Input> inputs,
      Streaming<T> streaming,
      List<InputProblem> problems,
      List<String> notes,
      List<InputSummary> summaries) {
    List<Outcome> outcomes = new ArrayList<>();
    for (int from = 0; from < inputs.size(); ) {
      int to = from;
      for (long bytes = 0;
          to < inputs.size() && (to == from || bytes < streaming.waveBytes());
          to++) {
        bytes += inputs.get(to).size();
      }
      List<Prepared<T>> wave =
          ParallelMap.map(
              inputs.subList(from, to),
              Input::size,
              input -> {
                Outcome outcome = read(input);
                return new Prepared<>(
                    new Outcome(List.of(), outcome.problems(), outcome.summary()),
                    outcome.documents().stream().map(streaming.prepare()).toList());
              });
      for (Prepared<T> prepared : wave) {
        prepared.documents().forEach(streaming.sink());
        outcomes.add(prepared.outcome());
      }
      from = to;
    }
    return combine(outcomes, problems, notes, summaries);
  }

  private record Prepared<T>(Outcome outcome, List<T> documents) {}

  /**
   * Renders the targets (overlays side by side; the renderer serialises Helm, one native library)
   * and parses what they give like files, in input order, each object placed in its template.
   */
  private Loaded withRendered(Loaded files, List<Renderer.Target> targets) {
    List<Document> documents = new ArrayList<>(files.documents());
    List<InputProblem> problems = new ArrayList<>(files.problems());
    List<InputSummary> summaries = new ArrayList<>(files.inputs());
    List<String> notes = new ArrayList<>(files.notes());
    Map<Location, Renderer.FieldLocator> origins = new HashMap<>();
    // Overlays run kustomize processes side by side; the renderer serialises Helm itself.
    List<Renderer.Rendered> all = targets.parallelStream().map(renderer::render).toList();
    for (int t = 0; t < targets.size(); t++) {
      Renderer.Target target = targets.get(t);
      Renderer.Rendered rendered = all.get(t);
      int documentCount = 0;
      int resources = 0;
      List<InputProblem> targetProblems = new ArrayList<>(rendered.problems());
      for (Renderer.RenderedDocument part : rendered.documents()) {
        ManifestReader.Result result =
            reader.read(part.file(), part.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Location at = new Location(part.file(), part.line(), part.line() > 0 ? 1 : 0);
        for (InputProblem problem : result.problems()) {
          targetProblems.add(
              new InputProblem(
                  at, "rendered output of " + target.name() + ": " + problem.message()));
        }
        for (Document document : result.documents()) {
          documentCount++;
          if (KubernetesObjects.isResource(document.tree())) {
            resources++;
            placeInNamespace(document.tree(), part.releaseNamespace());
            documents.add(new Document(document.tree(), at));
            origins.put(at, part.fields());
          }
        }
      }
      problems.addAll(targetProblems);
      notes.addAll(rendered.notes());
      summaries.add(
          new InputSummary(
              target.name(),
              documentCount,
              resources,
              targetProblems.size(),
              documentCount == 0 && targetProblems.isEmpty() ? "rendered no objects" : null));
    }
    return new Loaded(documents, problems, summaries, notes, origins);
  }

  private static Loaded combine(
      List<Outcome> outcomes,
      List<InputProblem> problems,
      List<String> notes,
      List<InputSummary> summaries) {
    List<Document> documents = new ArrayList<>();
    for (Outcome outcome : outcomes) {
      documents.addAll(outcome.documents);
      problems.addAll(outcome.problems);
      summaries.add(outcome.summary);
      if (outcome.summary.skipped() != null) {
        notes.add(outcome.summary.source() + ": skipped, " + outcome.summary.skipped());
      }
    }
    return new Loaded(documents, problems, summaries, notes);
  }

  private void collect(
      String given,
      List<Input> inputs,
      List<InputProblem> problems,
      List<String> notes,
      List<InputSummary> summaries,
      List<Renderer.Target> targets) {
    if (given.equals("-")) {
      inputs.add(new Input("-", null));
      return;
    }
    Path root = Path.of(given);
    if (!Files.exists(root)) {
      problems.add(new InputProblem(Location.of(given), "no such file or directory"));
      return;
    }
    if (!Files.isDirectory(root)) {
      if (renderer != null && isPackagedChart(root)) {
        targets.add(new Renderer.Target(Renderer.Kind.HELM_CHART, given, root, null));
      } else {
        inputs.add(new Input(given, root));
      }
      return;
    }
    // Folders of charts being rendered: their own files and templates/, charts/, crds/ are the
    // chart, not raw manifests. Other subfolders are walked (a chart may sit inside a chart).
    java.util.Set<Path> charts = new java.util.HashSet<>();
    try {
      Files.walkFileTree(
          root,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
              if (!dir.equals(root) && name.startsWith(".")) {
                return FileVisitResult.SKIP_SUBTREE; // .git, .github, editor folders
              }
              if (renderer != null && charts.contains(dir.getParent())) {
                if (CHART_PARTS.contains(name)) {
                  return FileVisitResult.SKIP_SUBTREE;
                }
              }
              if (Files.isRegularFile(dir.resolve("Chart.yaml"))) {
                String chart = display(root, given, dir);
                if (renderer == null) {
                  notes.add(chart + ": skipped, Helm chart (--no-render)");
                  summaries.add(new InputSummary(chart, 0, 0, 0, "Helm chart (not rendered)"));
                  return FileVisitResult.SKIP_SUBTREE;
                }
                targets.add(new Renderer.Target(Renderer.Kind.HELM_CHART, chart, dir, null));
                charts.add(dir);
                return FileVisitResult.CONTINUE;
              }
              Path kustomization = kustomizationFile(dir);
              if (renderer != null
                  && kustomization != null
                  && !unavailableNoted(
                      Renderer.Kind.KUSTOMIZATION, display(root, given, dir), notes)) {
                targets.add(
                    new Renderer.Target(
                        Renderer.Kind.KUSTOMIZATION, display(root, given, dir), dir, null));
                return FileVisitResult.SKIP_SUBTREE; // the overlay names the files it uses
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (renderer != null
                  && charts.contains(file.getParent())
                  && CHART_FILES.contains(file.getFileName().toString())) {
                return FileVisitResult.CONTINUE; // read by the renderer, not manifests
              }
              if (renderer != null && attrs.isRegularFile() && isPackagedChart(file)) {
                targets.add(
                    new Renderer.Target(
                        Renderer.Kind.HELM_CHART, display(root, given, file), file, null));
              } else if (attrs.isRegularFile() && isManifestName(file)) {
                inputs.add(new Input(display(root, given, file), file));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              String name = display(root, given, file);
              if (e instanceof FileSystemLoopException) {
                problems.add(
                    new InputProblem(
                        Location.of(name),
                        "directory loop: a symbolic link points back to an enclosing folder; not followed"));
              } else {
                problems.add(new InputProblem(Location.of(name), "cannot read: " + describe(e)));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException | UncheckedIOException e) {
      problems.add(new InputProblem(Location.of(given), "cannot read folder: " + e.getMessage()));
    }
  }

  private static String display(Path root, String given, Path file) {
    String relative = root.relativize(file).toString();
    if (relative.isEmpty()) {
      return given;
    }
    return given.endsWith("/") ? given + relative : given + "/" + relative;
  }

  /**
   * Helm installs objects that name no namespace into the release namespace; rules must see them
   * there (the inventory clears it again on cluster-scoped kinds).
   */
  private static void placeInNamespace(ObjectNode tree, String namespace) {
    if (namespace == null || !(tree.get("metadata") instanceof ObjectNode metadata)) {
      return;
    }
    if (metadata.path("namespace").asText("").isEmpty()) {
      metadata.put("namespace", namespace);
    }
  }

  /** Whether the renderer cannot render this kind here; if so, notes why for this folder. */
  private boolean unavailableNoted(Renderer.Kind kind, String folder, List<String> notes) {
    String why = renderer.unavailable(kind);
    if (why != null) {
      notes.add(folder + ": Kustomize overlay read as plain files, not rendered: " + why);
    }
    return why != null;
  }

  /** The parts of a chart folder that only Helm reads. */
  private static final java.util.Set<String> CHART_PARTS =
      java.util.Set.of("templates", "charts", "crds");

  /** The files at a chart's root that Helm reads (other YAML there is scanned as usual). */
  private static final java.util.Set<String> CHART_FILES =
      java.util.Set.of(
          "Chart.yaml", "Chart.lock", "values.yaml", "values.schema.json", "requirements.yaml");

  private static boolean isPackagedChart(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".tgz") || name.endsWith(".tar.gz");
  }

  /** The kustomization file of a folder, by the names kustomize accepts; null when none. */
  private static Path kustomizationFile(Path dir) {
    for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    return null;
  }

  private static boolean isManifestName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private Outcome read(Input input) {
    byte[] bytes;
    try {
      if (input.isStdin()) {
        bytes = stdin.readNBytes((int) MAX_FILE_BYTES + 1);
      } else {
        long size = Files.size(input.path);
        if (size > MAX_FILE_BYTES) {
          return failed(
              input,
              String.format(
                  "file is %,d bytes, over the %d MiB limit; not read",
                  size, MAX_FILE_BYTES >> 20));
        }
        bytes = Files.readAllBytes(input.path);
      }
    } catch (IOException e) {
      return failed(input, "cannot read: " + describe(e));
    }
    if (bytes.length > MAX_FILE_BYTES) {
      return failed(input, "input is over the " + (MAX_FILE_BYTES >> 20) + " MiB limit; not read");
    }
    if (bytes.length == 0 || isBlank(bytes)) {
      return new Outcome(List.of(), List.of(), new InputSummary(input.name, 0, 0, 0, "empty file"));
    }
    if (input.path != null && isTemplate(input.path, bytes)) {
      return new Outcome(
          List.of(),
          List.of(),
          new InputSummary(input.name, 0, 0, 0, "template (Helm/Go template syntax)"));
    }
    ManifestReader.Result result = reader.read(input.name, bytes);
    List<Document> resources = new ArrayList<>();
    List<Document> others = new ArrayList<>();
    for (Document document : result.documents()) {
      if (KubernetesObjects.isResource(document.tree())) {
        resources.add(document);
      } else {
        others.add(document);
      }
    }
    List<InputProblem> problems = new ArrayList<>(result.problems());
    int documents = result.documents().size();
    if (resources.isEmpty() || !others.isEmpty()) {
      List<InputProblem> detectorProblems = new ArrayList<>();
      List<Document> detected = detect(input.name, bytes, others, detectorProblems);
      if (!detected.isEmpty()) {
        resources.addAll(detected);
        documents = Math.max(documents, detected.size());
        if (result.documents().isEmpty()) {
          problems
              .clear(); // not YAML at all (a command line, say): the YAML reader's complaint does
          // not apply
        }
      }
      problems.addAll(detectorProblems);
    }
    String skipped = null;
    if (resources.isEmpty() && problems.isEmpty()) {
      skipped = KubernetesObjects.describeNonKubernetes(result.documents());
    }
    InputSummary summary =
        new InputSummary(input.name, documents, resources.size(), problems.size(), skipped);
    return new Outcome(resources, problems, summary);
  }

  /**
   * Offers an input that was not (only) Kubernetes objects to the detectors; a failing detector
   * never stops the scan.
   */
  private List<Document> detect(
      String name, byte[] bytes, List<Document> others, List<InputProblem> problems) {
    if (detectors.isEmpty() || ManifestReaderText.hasNul(bytes)) {
      return List.of();
    }
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    DetectorInput input = new DetectorInput(name, text, others);
    List<Document> found = new ArrayList<>();
    for (DocumentDetector detector : detectors) {
      try {
        found.addAll(detector.detect(input));
      } catch (RuntimeException e) {
        // a detector bug must not hide the rest of the input: it is reported like unreadable input
        problems.add(
            new InputProblem(
                Location.of(name),
                "internal error while recognising the input ("
                    + detector.getClass().getSimpleName()
                    + "): "
                    + e));
      }
    }
    return found;
  }

  private static Outcome failed(Input input, String message) {
    InputProblem problem = new InputProblem(Location.of(input.name), message);
    return new Outcome(List.of(), List.of(problem), new InputSummary(input.name, 0, 0, 1, null));
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Unrendered Helm templates under templates/ are not YAML yet; they are skipped, not errors. */
  private static boolean isTemplate(Path path, byte[] bytes) {
    Path parent = path.getParent();
    boolean inTemplates =
        parent != null && parent.toString().replace('\\', '/').contains("templates");
    if (!inTemplates && !path.getFileName().toString().endsWith(".tpl")) {
      return false;
    }
    for (int i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i] == '{' && bytes[i + 1] == '{') {
        return true;
      }
    }
    return false;
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file (broken symbolic link?)";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** For tests and the webhook: reads one in-memory text as if it were a file. */
  public List<Document> readText(String name, String text, List<InputProblem> problems) {
    ManifestReader.Result result =
        reader.read(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    problems.addAll(result.problems());
    List<Document> resources = new ArrayList<>();
    for (Document document : result.documents()) {
      ObjectNode tree = document.tree();
      if (KubernetesObjects.isResource(tree)) {
        resources.add(document);
      }
    }
    return resources;
  }
}
