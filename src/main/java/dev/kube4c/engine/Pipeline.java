package dev.kube4c.engine;

import dev.kube4c.findings.ScanResult;
import dev.kube4c.inventory.Inventory;
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

  public Pipeline(RuleCatalogue catalogue) {
    this(catalogue, Scanner.InputRules.NONE, null);
  }

  /** With rules that the inputs bring (admission policies among the scanned objects). */
  public Pipeline(RuleCatalogue catalogue, Scanner.InputRules inputRules) {
    this(catalogue, inputRules, null);
  }

  /** A pipeline that also records where its time goes in {@code profile} (null: nowhere). */
  public Pipeline(RuleCatalogue catalogue, Scanner.InputRules inputRules, RuleProfile profile) {
    this.scanner = new Scanner(catalogue, inputRules, profile);
    this.profile = profile;
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
    SourceLoader.Loaded loaded = new SourceLoader(stdin, renderer).load(paths);
    RuleProfile.Mark read = profile == null ? null : profile.start();
    Inventory inventory = Inventory.of(loaded.documents(), loaded.problems());
    if (profile != null) {
      profile.stage("find, read and parse files", started, read);
      profile.stage("inventory and indexes", read);
    }
    ScanResult result =
        scanner.scan(
            inventory, request, loaded.inputs(), new ArrayList<>(extraErrors), loaded.notes());
    return loaded.origins().isEmpty()
        ? result
        : dev.kube4c.render.Provenance.refine(result, loaded.origins());
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
