package dev.kube4c.images;

import dev.kube4c.inventory.ImageReference;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.Location;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Resolves each image reference to its digest and verifies the cosign signatures of that digest.
 * Results are cached per repository digest for the life of this object, so images that appear under
 * several tags or in many workloads are verified once; a registry found unreachable is not asked
 * again. Registry failures become scan errors (never findings, never exceptions).
 */
public final class CosignImageVerifier implements ImageVerifier {

  private static final int PARALLELISM = 4;

  private final OciClient client;
  private final CosignVerifier cosign;
  private final Map<String, CompletableFuture<ImageVerdict>> byDigest = new ConcurrentHashMap<>();
  private final Map<String, String> unreachable = new ConcurrentHashMap<>();

  public CosignImageVerifier(OciClient client, List<TrustedKey> keys) {
    this.client = client;
    this.cosign = new CosignVerifier(client, keys);
  }

  @Override
  public ImageTrust verify(Collection<String> images) {
    Map<String, ImageVerdict> verdicts = new TreeMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
    try {
      Map<String, CompletableFuture<ImageVerdict>> pending = new TreeMap<>();
      for (String image : new TreeSet<>(images)) {
        if (!image.isBlank()) {
          pending.put(
              image,
              CompletableFuture.supplyAsync(() -> verifyOne(image, pool), pool)
                  .thenCompose(f -> f));
        }
      }
      pending.forEach((image, future) -> verdicts.put(image, future.join()));
    } finally {
      pool.shutdown();
    }
    List<InputProblem> problems = new ArrayList<>();
    verdicts.forEach(
        (image, verdict) -> {
          if (verdict.status() == ImageVerdict.Status.ERROR) {
            problems.add(
                new InputProblem(
                    Location.of("(image " + image + ")"),
                    "image verification failed: " + verdict.detail()));
          }
        });
    return new ImageTrust(true, verdicts, problems);
  }

  /** Verifies one reference: resolve (unless pinned), then the shared per-digest verification. */
  public CompletableFuture<ImageVerdict> verifyOne(String image, ExecutorService pool) {
    ImageReference ref = ImageReference.parse(image);
    String registry = ref.registry();
    String down = unreachable.get(registry);
    if (down != null) {
      return CompletableFuture.completedFuture(ImageVerdict.error(null, down));
    }
    String digest = ref.digest();
    if (!ref.hasDigest()) {
      try {
        String tag = ref.tag() == null || ref.tag().isEmpty() ? "latest" : ref.tag();
        var manifest = client.manifest(registry, ref.repository(), tag);
        if (manifest.isEmpty()) {
          return CompletableFuture.completedFuture(
              ImageVerdict.error(null, registry + " has no image " + ref.repository() + ":" + tag));
        }
        digest = manifest.get().digest();
      } catch (RegistryException e) {
        return CompletableFuture.completedFuture(failure(registry, e));
      }
    } else if (!digest.matches("sha256:[0-9a-f]{64}")) {
      return CompletableFuture.completedFuture(
          ImageVerdict.invalid(digest, "the image digest " + digest + " is not a sha256 digest"));
    }
    String resolved = digest;
    return byDigest.computeIfAbsent(
        ref.fullName() + "@" + resolved,
        k ->
            CompletableFuture.supplyAsync(
                () -> verifyDigest(registry, ref.repository(), resolved), pool));
  }

  private ImageVerdict verifyDigest(String registry, String repository, String digest) {
    try {
      return cosign.verify(registry, repository, digest);
    } catch (RegistryException e) {
      return failure(registry, e);
    }
  }

  private ImageVerdict failure(String registry, RegistryException e) {
    if (e.isUnreachable()) {
      unreachable.putIfAbsent(registry, e.getMessage());
    }
    return ImageVerdict.error(null, e.getMessage());
  }
}
