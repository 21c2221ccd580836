package dev.kube4c.vuln;

import dev.kube4c.sbom.Sbom;
import dev.kube4c.sbom.SbomReader;
import dev.kube4c.sbom.SoftwarePackage;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.Location;
import dev.kube4c.vuln.db.AdvisoryIndex;
import dev.kube4c.vuln.db.AdvisoryStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code scan --images}: reads each image's SBOM (through the injected {@link SbomReader}, a
 * bounded number at a time), loads the advisories of the ecosystems found from the local store
 * (never the network) and matches. An image that cannot be read becomes an {@link ImageScan} saying
 * why; a missing or stale store is a note on the scan.
 *
 * @param maxAge data older than this (by the newest advisory's {@code modified} time, else by the
 *     import time) gives a warning
 * @param progress told how many images are done (a progress bar on a terminal)
 */
public record ImageScanner(
    SbomReader reader, AdvisoryStore store, Duration maxAge, int parallelism, Progress progress)
    implements AutoCloseable {

  /** Stops the reader's threads; for callers that outlive one scan. */
  @Override
  public void close() {
    reader.close();
  }

  /** Told as images are read and when matching is done. */
  public interface Progress {
    Progress NONE = (done, total) -> {};

    void imagesRead(int done, int total);

    default void finished() {}
  }

  public ImageScanner {
    parallelism = Math.max(1, parallelism);
    progress = progress == null ? Progress.NONE : progress;
  }

  public ImageVulnerabilities scan(Set<String> images, Instant now) {
    List<String> notes = new ArrayList<>();
    List<InputProblem> problems = new ArrayList<>();
    Map<String, Object> read = readAll(images);
    AdvisoryIndex index;
    try {
      Set<String> stored = store.ecosystems();
      if (stored.isEmpty()) {
        notes.add(
            "warning: the advisory store "
                + store.dir()
                + " is empty: import OSV data with 'kube4c db import FILE...'");
      }
      Set<String> needed = new HashSet<>();
      for (Object value : read.values()) {
        if (value instanceof Sbom sbom) {
          for (SoftwarePackage p : sbom.packages()) {
            needed.addAll(PackageMatcher.ecosystems(p, sbom.os(), stored));
          }
        }
      }
      freshness(needed, now).ifPresent(notes::add);
      index = store.load(needed);
    } catch (IOException e) {
      problems.add(new InputProblem(Location.of(store.dir().toString()), e.getMessage()));
      index = AdvisoryIndex.of(List.of());
    }
    PackageMatcher matcher = new PackageMatcher();
    Map<String, ImageScan> scans = new TreeMap<>();
    for (Map.Entry<String, Object> e : read.entrySet()) {
      if (e.getValue() instanceof Sbom sbom) {
        PackageMatcher.Result result = matcher.match(sbom, index);
        result.notes().forEach(n -> notes.add(e.getKey() + ": " + n));
        sbom.notes().forEach(n -> notes.add(e.getKey() + ": " + n));
        scans.put(e.getKey(), new ImageScan(e.getKey(), sbom, result.matches(), null));
      } else {
        scans.put(e.getKey(), ImageScan.unavailable(e.getKey(), (String) e.getValue()));
      }
    }
    progress.finished();
    return new ImageVulnerabilities(true, scans, problems, notes);
  }

  /** Each image's SBOM, or the reason it could not be read (a String). */
  private Map<String, Object> readAll(Set<String> images) {
    Map<String, Object> out = new TreeMap<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, images.size())));
    try {
      Map<String, Future<Sbom>> futures = new TreeMap<>();
      for (String image : images) {
        futures.put(image, pool.submit(() -> reader.read(image)));
      }
      int done = 0;
      for (Map.Entry<String, Future<Sbom>> f : futures.entrySet()) {
        try {
          out.put(f.getKey(), f.getValue().get());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          out.put(f.getKey(), cause.getMessage() == null ? cause.toString() : cause.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          out.put(f.getKey(), "interrupted");
        }
        progress.imagesRead(++done, futures.size());
      }
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  private java.util.Optional<String> freshness(Set<String> ecosystems, Instant now)
      throws IOException {
    var entries = store.index().ecosystems();
    List<String> stale = new ArrayList<>();
    for (String ecosystem : new java.util.TreeSet<>(ecosystems)) {
      AdvisoryStore.Entry entry = entries.get(ecosystem);
      Instant asOf = dataTime(entry);
      if (asOf != null && Duration.between(asOf, now).compareTo(maxAge) > 0) {
        stale.add(ecosystem + " (" + Duration.between(asOf, now).toDays() + " days)");
      }
    }
    return stale.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            "warning: advisory data older than "
                + maxAge.toDays()
                + " days: "
                + String.join(", ", stale)
                + "; import fresh OSV data with 'kube4c db import'");
  }

  /** How recent an ecosystem's data is: its newest advisory, else when it was imported. */
  public static Instant dataTime(AdvisoryStore.Entry entry) {
    if (entry == null) {
      return null;
    }
    try {
      Instant newest = OffsetDateTime.parse(entry.newestModified()).toInstant();
      return newest.isAfter(Instant.parse("1971-01-01T00:00:00Z")) ? newest : entry.importedAt();
    } catch (DateTimeParseException e) {
      return entry.importedAt();
    }
  }
}
