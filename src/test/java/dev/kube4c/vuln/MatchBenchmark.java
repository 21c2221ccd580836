package dev.kube4c.vuln;

import dev.kube4c.sbom.OsRelease;
import dev.kube4c.sbom.Sbom;
import dev.kube4c.sbom.SoftwarePackage;
import dev.kube4c.vuln.db.AdvisoryIndex;
import dev.kube4c.vuln.db.AdvisoryStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The vulnerability benchmark (bench/vulns/run.sh; not a unit test): imports OSV data into a fresh
 * store, then matches an SBOM of 1,000 packages (Go modules named by the advisories, at old
 * versions, plus packages no advisory names) and reports import time, store size, load time and
 * match times, with the process CPU time, since the machine may be shared.
 *
 * <p>Arguments: STORE_DIR OSV_INPUT...
 */
public final class MatchBenchmark {

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    List<Path> inputs = Stream.of(args).skip(1).map(Path::of).toList();
    var bean =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AdvisoryStore store = new AdvisoryStore(dir);
    long cpu0 = bean.getProcessCpuTime();
    long t0 = System.nanoTime();
    AdvisoryStore.ImportResult result = store.importFiles(inputs, Instant.now());
    long importMs = (System.nanoTime() - t0) / 1_000_000;
    long importCpuMs = (bean.getProcessCpuTime() - cpu0) / 1_000_000;
    long size;
    try (Stream<Path> files = Files.list(dir)) {
      size = files.mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf(
        "import: %d records, %d advisories, %d problems in %d ms wall, %d ms CPU; store %.2f MB%n",
        result.recordsRead(),
        result.advisoriesByEcosystem().values().stream().mapToInt(i -> i).sum(),
        result.problems().size(),
        importMs,
        importCpuMs,
        size / 1e6);
    long t1 = System.nanoTime();
    AdvisoryIndex index = store.load(store.ecosystems());
    System.out.printf("load all ecosystems: %d ms%n", (System.nanoTime() - t1) / 1_000_000);

    List<String> names = new ArrayList<>();
    try (var lines = Files.lines(TestImages.OSV.resolve("../bench-modules.txt").normalize())) {
      lines.forEach(names::add);
    } catch (IOException e) {
      // no list: only synthetic names
    }
    List<SoftwarePackage> packages = new ArrayList<>();
    for (int i = 0; packages.size() < 1000; i++) {
      if (i < names.size() && i % 2 == 0) {
        packages.add(new SoftwarePackage("Go", names.get(i), "v0.0.1", null, null, null, null));
      } else {
        packages.add(
            new SoftwarePackage(
                "Go", "example.com/module" + i, "v1.2." + i, null, null, null, null));
      }
    }
    packages.set(0, new SoftwarePackage("Go", "stdlib", "go1.20.1", null, null, null, null));
    Sbom sbom =
        new Sbom("bench", null, new OsRelease("debian", "12", null, null), packages, List.of());
    PackageMatcher matcher = new PackageMatcher();
    int runs = 30;
    double[] ms = new double[runs];
    int matches = 0;
    long cpu1 = bean.getProcessCpuTime();
    for (int r = 0; r < runs; r++) {
      long s = System.nanoTime();
      matches = matcher.match(sbom, index).matches().size();
      ms[r] = (System.nanoTime() - s) / 1e6;
    }
    long matchCpuMs = (bean.getProcessCpuTime() - cpu1) / 1_000_000;
    double first = ms[0];
    Arrays.sort(ms);
    System.out.printf(
        "match 1,000 packages: %d advisories matched; first run %.1f ms, median %.2f ms, max %.2f ms over %d runs (%d ms CPU for all runs)%n",
        matches, first, ms[runs / 2], ms[runs - 1], runs, matchCpuMs);
  }
}
