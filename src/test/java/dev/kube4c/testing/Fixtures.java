package dev.kube4c.testing;

import dev.kube4c.config.Config;
import dev.kube4c.config.ConfigLoader;
import dev.kube4c.engine.Pipeline;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.engine.Scanner;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.source.InputProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Shared test helpers: scanning files or text, and finding ../shared. */
public final class Fixtures {

  /**
   * The date fixtures are evaluated on, so that expiry fixtures do not change verdict over time.
   */
  public static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

  public static final Path RULE_FIXTURES = Path.of("src/test/resources/rules");

  private static final Pipeline PIPELINE = new Pipeline(RuleCatalogue.builtIn());

  /** Scans every input a namespace at a time, as inputs past Pipeline.streamAboveBytes() are. */
  private static final Pipeline STREAMING =
      new Pipeline(RuleCatalogue.builtIn(), Scanner.InputRules.NONE, null, 0);

  private Fixtures() {}

  public static ScanResult scan(List<String> paths, Config config) {
    return scan(paths, new ScanRequest(config, null, null, null, TODAY));
  }

  public static ScanResult scan(List<String> paths, ScanRequest request) {
    return PIPELINE.scanPaths(paths, new ByteArrayInputStream(new byte[0]), request, List.of());
  }

  /** As {@link #scan(List, ScanRequest)}, the objects read and scanned a namespace at a time. */
  public static ScanResult scanStreamed(List<String> paths, ScanRequest request) {
    return STREAMING.scanPaths(paths, new ByteArrayInputStream(new byte[0]), request, List.of());
  }

  /** Scans YAML text as if it were a file called {@code name}. */
  public static ScanResult scanText(String yaml, Config config) {
    try {
      Path dir = Files.createTempDirectory("kube4c-test");
      Path file = dir.resolve("input.yaml");
      Files.writeString(file, yaml);
      return scan(List.of(file.toString()), config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a config file, failing the test on any problem in it. */
  public static Config config(Path file) {
    ConfigLoader.Loaded loaded = new ConfigLoader().load(file);
    List<InputProblem> problems = new ArrayList<>(loaded.problems());
    if (!problems.isEmpty()) {
      throw new IllegalStateException("bad fixture config " + file + ": " + problems);
    }
    return loaded.config();
  }

  /** ../shared when present; otherwise the test is skipped with a visible reason. */
  public static Path shared(String child) {
    Path shared = Path.of(System.getProperty("kube4c.shared", "../shared"));
    Path path = shared.resolve(child);
    Assumptions.assumeTrue(
        Files.exists(path),
        "skipped: "
            + path
            + " is not present (the shared folder is only beside the project's own checkout)");
    return path;
  }

  public static Optional<Path> sharedIfPresent(String child) {
    Path path = Path.of(System.getProperty("kube4c.shared", "../shared")).resolve(child);
    return Files.exists(path) ? Optional.of(path) : Optional.empty();
  }

  public static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
