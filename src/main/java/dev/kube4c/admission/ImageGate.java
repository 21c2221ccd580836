package dev.kube4c.admission;

import dev.kube4c.images.ImageTrust;
import dev.kube4c.images.ImageVerdict;
import dev.kube4c.images.ImageVerifier;
import dev.kube4c.inventory.ImageReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Image signature verification at admission: verdicts are cached (a digest-pinned reference for
 * {@code pinnedTtl}, a tag, which may move, for {@code tagTtl}; an error for a few seconds, so a
 * registry that is down is not asked by every request), and a request waits at most {@code budget}
 * for the rest, which must stay well inside the webhook's timeout. An image not verified in time
 * gets an ERROR verdict, which the namespace's failure mode turns into a denial or a warning.
 */
public final class ImageGate implements AutoCloseable {

  static final int MAX_ENTRIES = 10_000;
  static final Duration ERROR_TTL = Duration.ofSeconds(10);

  private final Supplier<ImageVerifier> verifiers;
  private final Duration budget;
  private final Duration tagTtl;
  private final Duration pinnedTtl;
  private final Clock clock;
  private final ExecutorService pool;
  private final Map<String, Entry> cache =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  private final Map<String, CompletableFuture<ImageVerdict>> inFlight =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record Entry(ImageVerdict verdict, Instant expires) {}

  /**
   * {@code verifiers} gives a fresh verifier per batch of uncached images, so that a registry found
   * unreachable once is asked again by a later request.
   */
  public ImageGate(
      Supplier<ImageVerifier> verifiers,
      Duration budget,
      Duration tagTtl,
      Duration pinnedTtl,
      Clock clock) {
    this.verifiers = verifiers;
    this.budget = budget;
    this.tagTtl = tagTtl;
    this.pinnedTtl = pinnedTtl;
    this.clock = clock;
    this.pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "kube4c-image-verify");
              t.setDaemon(true);
              return t;
            });
  }

  public ImageTrust verify(Collection<String> images) {
    Instant now = clock.instant();
    Map<String, ImageVerdict> verdicts = new TreeMap<>();
    Map<String, CompletableFuture<ImageVerdict>> pending = new TreeMap<>();
    ImageVerifier[] verifier = new ImageVerifier[1];
    for (String image : images) {
      Entry hit = cached(image, now);
      if (hit != null) {
        verdicts.put(image, hit.verdict());
      } else {
        // One verification per image at a time, whatever the number of requests waiting for it;
        // its verdict is cached when it ends, even after the requests' budget has run out.
        pending.put(
            image,
            inFlight.computeIfAbsent(
                image,
                i -> {
                  if (verifier[0] == null) {
                    verifier[0] = verifiers.get();
                  }
                  return start(i, verifier[0]);
                }));
      }
    }
    long deadline = System.nanoTime() + budget.toNanos();
    pending.forEach((image, future) -> verdicts.put(image, await(future, deadline)));
    return new ImageTrust(true, verdicts, List.of());
  }

  private CompletableFuture<ImageVerdict> start(String image, ImageVerifier verifier) {
    CompletableFuture<ImageVerdict> future =
        CompletableFuture.supplyAsync(
            () ->
                verifier
                    .verify(List.of(image))
                    .verdict(image)
                    .orElse(ImageVerdict.error(null, "the verifier gave no verdict")),
            pool);
    // Async: a verdict already there would otherwise run this inside computeIfAbsent.
    future.whenCompleteAsync(
        (verdict, failure) -> {
          if (verdict != null) {
            remember(image, verdict, clock.instant());
          }
          inFlight.remove(image);
        },
        pool);
    return future;
  }

  private ImageVerdict await(CompletableFuture<ImageVerdict> future, long deadline) {
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      return ImageVerdict.error(
          null, "not verified within the " + budget.toMillis() + " ms budget");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ImageVerdict.error(null, "interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      return ImageVerdict.error(
          null, "verification failed: " + e.getCause().getClass().getSimpleName());
    }
  }

  private synchronized Entry cached(String image, Instant now) {
    Entry entry = cache.get(image);
    if (entry != null && entry.expires().isBefore(now)) {
      cache.remove(image);
      return null;
    }
    return entry;
  }

  private synchronized void remember(String image, ImageVerdict verdict, Instant now) {
    Duration ttl =
        verdict.status() == ImageVerdict.Status.ERROR
            ? ERROR_TTL
            : ImageReference.parse(image).hasDigest() ? pinnedTtl : tagTtl;
    cache.put(image, new Entry(verdict, now.plus(ttl)));
  }

  public synchronized int size() {
    return cache.size();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
