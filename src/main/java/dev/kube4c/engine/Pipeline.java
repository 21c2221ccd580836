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

  public Pipeline(RuleCatalogue catalogue) {
    this.scanner = new Scanner(catalogue);
  }

  public Scanner scanner() {
    return scanner;
  }

  /** Scans the given paths; {@code extraErrors} (config problems and the like) are reported with the input errors. */
  public ScanResult scanPaths(List<String> paths, InputStream stdin, ScanRequest request, List<InputProblem> extraErrors) {
    SourceLoader.Loaded loaded = new SourceLoader(stdin).load(paths);
    Inventory inventory = Inventory.of(loaded.documents(), loaded.problems());
    return scanner.scan(inventory, request, loaded.inputs(), new ArrayList<>(extraErrors), loaded.notes());
  }
}
