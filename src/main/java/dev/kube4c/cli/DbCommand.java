package dev.kube4c.cli;

import dev.kube4c.vuln.ImageScanner;
import dev.kube4c.vuln.db.AdvisoryStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kube4c db import|status}: the local OSV advisory store used by {@code scan --images}. */
@Command(
    name = "db",
    description = "The local advisory store (OSV data) that scan --images matches against.",
    subcommands = {DbCommand.Import.class, DbCommand.Status.class})
final class DbCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Where the store lives: --dir, else $KUBE4C_CACHE_DIR/db, else ~/.cache/kube4c/db. */
  static class StoreOption {
    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Store folder (default $KUBE4C_CACHE_DIR/db, else ~/.cache/kube4c/db).")
    Path dir;

    AdvisoryStore store() {
      return new AdvisoryStore(dir != null ? dir : AdvisoryStore.defaultDir(System.getenv()));
    }
  }

  @Command(
      name = "import",
      description =
          "Import OSV advisories: per-ecosystem all.zip exports, folders of OSV JSON records, or single records.")
  static final class Import implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin StoreOption store = new StoreOption();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "all.zip, folder or .json")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      long started = System.nanoTime();
      AdvisoryStore.ImportResult result;
      try {
        result = store.store().importFiles(files, Instant.now());
      } catch (IOException e) {
        err.println("error: " + e.getMessage());
        err.flush();
        return Main.EXIT_ERROR;
      }
      long ms = (System.nanoTime() - started) / 1_000_000;
      result.problems().forEach(p -> err.println("error: " + p));
      int advisories = result.advisoriesByEcosystem().values().stream().mapToInt(i -> i).sum();
      out.printf(
          Locale.ROOT,
          "imported %d advisories from %d records in %d ms into %s%n",
          advisories,
          result.recordsRead(),
          ms,
          store.store().dir());
      result
          .advisoriesByEcosystem()
          .forEach((e, n) -> out.printf(Locale.ROOT, "  %-28s %6d%n", e, n));
      if (result.gitRangesIgnored() > 0) {
        out.printf(
            Locale.ROOT,
            "%d GIT range(s) ignored: images carry versions, not commits%n",
            result.gitRangesIgnored());
      }
      out.flush();
      err.flush();
      return result.problems().isEmpty() ? Main.EXIT_OK : Main.EXIT_ERROR;
    }
  }

  @Command(name = "status", description = "Show what the store holds and how old it is.")
  static final class Status implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin StoreOption store = new StoreOption();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      AdvisoryStore advisoryStore = store.store();
      Map<String, AdvisoryStore.Entry> entries;
      try {
        entries = advisoryStore.index().ecosystems();
      } catch (IOException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return Main.EXIT_ERROR;
      }
      out.println("store: " + advisoryStore.dir());
      if (entries.isEmpty()) {
        out.println("empty: import OSV data with 'kube4c db import FILE...'");
        out.flush();
        return Main.EXIT_OK;
      }
      Instant now = Instant.now();
      out.printf(
          Locale.ROOT,
          "%-28s %10s  %-20s  %s%n",
          "ecosystem",
          "advisories",
          "imported",
          "data age");
      entries.forEach(
          (ecosystem, e) -> {
            Instant asOf = ImageScanner.dataTime(e);
            out.printf(
                Locale.ROOT,
                "%-28s %10d  %-20s  %s%n",
                ecosystem,
                e.advisories(),
                e.importedAt().toString().substring(0, 19) + "Z",
                asOf == null
                    ? "-"
                    : Duration.between(asOf, now).toDays()
                        + " days (newest advisory "
                        + asOf
                        + ")");
          });
      out.flush();
      return Main.EXIT_OK;
    }
  }
}
