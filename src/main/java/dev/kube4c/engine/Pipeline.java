package dev.kube4c.engine;

import dev.kube4c.findings.ScanResult;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.PartitionedInventory;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.SourceLoader;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** sources → inventory → rules → findings, for files and standard input. */
public final class Pipeline {

  private final Scanner scanner;
  private final RuleProfile profile; // null unless --profile-rules
  private final long streamAboveBytes;

  /**
   * Files of up to this size are scanned in one inventory, the fastest way, when the heap can hold
   * them: a quarter of the heap the JVM may use (1M objects, 760 MB of YAML, ran out of a 2 GB heap
   * in one inventory). Larger inputs are read into a {@link PartitionedInventory} as they are
   * parsed and scanned a namespace at a time, one per core, instead of running out of memory: the
   * same 1M objects in a 1.6 GB heap, about twice as slow (bench/RESULTS.md). The launcher gives
   * large inputs a heap to match, up to half the machine's memory, so this is for smaller machines
   * and smaller -Xmx.
   */
  public static long streamAboveBytes() {
    return Runtime.getRuntime().maxMemory() / 4;
  }

  public Pipeline(RuleCatalogue catalogue) {
    this(catalogue, Scanner.InputRules.NONE, null);
  }

  /** With rules that the inputs bring (admission policies among the scanned objects). */
  public Pipeline(RuleCatalogue catalogue, Scanner.InputRules inputRules) {
    this(catalogue, inputRules, null);
  }

  /** A pipeline that also records where its time goes in {@code profile} (null: nowhere). */
  public Pipeline(RuleCatalogue catalogue, Scanner.InputRules inputRules, RuleProfile profile) {
    this(catalogue, inputRules, profile, streamAboveBytes());
  }

  /**
   * A pipeline that scans inputs of more than {@code streamAboveBytes} of files a namespace at a
   * time (see {@link #streamAboveBytes()}).
   */
  public Pipeline(
      RuleCatalogue catalogue,
      Scanner.InputRules inputRules,
      RuleProfile profile,
      long streamAboveBytes) {
    this.scanner = new Scanner(catalogue, inputRules, profile);
    this.profile = profile;
    this.streamAboveBytes = streamAboveBytes;
  }

  public Scanner scanner() {
    return scanner;
  }

  /**
   * Scans the given paths; {@code extraErrors} (config problems and the like) are reported with the
   * input errors.
   */
  public ScanResult scanPaths(
      List<String> paths, InputStream stdin, ScanRequest request, List<InputProblem> extraErrors) {
    return scanPaths(paths, stdin, request, extraErrors, null);
  }

  /**
   * Scans the given paths, rendering the Helm charts and Kustomize overlays among them with {@code
   * renderer} (null: they are skipped, as with --no-render); findings on rendered objects point at
   * their templates.
   */
  public ScanResult scanPaths(
      List<String> paths,
      InputStream stdin,
      ScanRequest request,
      List<InputProblem> extraErrors,
      dev.kube4c.source.Renderer renderer) {
    RuleProfile.Mark started = profile == null ? null : profile.start();
    try (PartitionedInventory.Builder parts = PartitionedInventory.builder()) {
      SourceLoader.Loaded loaded =
          new SourceLoader(stdin, renderer)
              .load(
                  paths,
                  new SourceLoader.Streaming<>(
                      streamAboveBytes,
                      document ->
                          PartitionedInventory.Builder.prepare(
                              document.tree(), document.location()),
                      parts::add));
      RuleProfile.Mark read = profile == null ? null : profile.start();
      ScanResult result =
          loaded.streamed()
              ? scanParts(parts, loaded, request, extraErrors, started, read)
              : scanWhole(loaded, request, extraErrors, started, read);
      return loaded.origins().isEmpty()
          ? result
          : dev.kube4c.render.Provenance.refine(result, loaded.origins());
    }
  }

  /** Inputs of up to streamAboveBytes: every object in one inventory. */
  private ScanResult scanWhole(
      SourceLoader.Loaded loaded,
      ScanRequest request,
      List<InputProblem> extraErrors,
      RuleProfile.Mark started,
      RuleProfile.Mark read) {
    Inventory inventory = Inventory.of(loaded.documents(), loaded.problems());
    if (profile != null) {
      profile.stage("find, read and parse files", started, read);
      profile.stage("inventory and indexes", read);
    }
    return scanner.scan(
        inventory, request, loaded.inputs(), new ArrayList<>(extraErrors), loaded.notes());
  }

  /**
   * Larger inputs: the objects went to {@code parts} as they were read, and are scanned a namespace
   * at a time, as a live cluster is, so that memory does not grow with the input.
   */
  private ScanResult scanParts(
      PartitionedInventory.Builder parts,
      SourceLoader.Loaded loaded,
      ScanRequest request,
      List<InputProblem> extraErrors,
      RuleProfile.Mark started,
      RuleProfile.Mark read) {
    try (PartitionedInventory cluster = parts.build(loaded.problems())) {
      if (profile != null) {
        profile.stage("find, read and parse files, spill namespaces to disk", started, read);
        profile.stage("inventory and indexes", read);
      }
      return scanner.scanPartitioned(
          cluster, request, loaded.inputs(), new ArrayList<>(extraErrors), loaded.notes());
    }
  }

  /** Node mode: the node's configuration below {@code root}, plus any paths given beside it. */
  public ScanResult scanNode(
      java.nio.file.Path root,
      List<String> paths,
      InputStream stdin,
      ScanRequest request,
      List<InputProblem> extraErrors) {
    SourceLoader loader = new SourceLoader(stdin);
    SourceLoader.Loaded node = new dev.kube4c.node.NodeScan(root).load(loader);
    SourceLoader.Loaded loaded =
        paths.isEmpty()
            ? new SourceLoader.Loaded(List.of(), List.of(), List.of(), List.of())
            : loader.load(paths);
    List<dev.kube4c.source.Document> documents = new ArrayList<>(node.documents());
    documents.addAll(loaded.documents());
    List<InputProblem> problems = new ArrayList<>(node.problems());
    problems.addAll(loaded.problems());
    List<dev.kube4c.source.InputSummary> inputs = new ArrayList<>(node.inputs());
    inputs.addAll(loaded.inputs());
    List<String> notes = new ArrayList<>(node.notes());
    notes.addAll(loaded.notes());
    Inventory inventory = Inventory.of(documents, problems);
    return scanner.scan(inventory, request, inputs, new ArrayList<>(extraErrors), notes);
  }
}
