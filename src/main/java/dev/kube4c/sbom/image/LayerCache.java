package dev.kube4c.sbom.image;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Extracted layer contents by layer digest, one small JSON file each under {@code
 * CACHE/layers/v1/sha256/}. A layer's digest names its content, so an entry never goes stale; the
 * format version in the path changes when the extractors do. Writes go through a temporary file and
 * a rename, so parallel runs never see half a file; an unreadable entry is read again from the
 * layer.
 */
final class LayerCache {

  static final String FORMAT = "v1";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Path dir;

  LayerCache(Path cacheDir) {
    this.dir = cacheDir.resolve("layers").resolve(FORMAT);
  }

  /**
   * The cache folder: {@code $KUBE4C_CACHE_DIR}, else {@code $XDG_CACHE_HOME/kube4c}, else {@code
   * ~/.cache/kube4c}.
   */
  static Path defaultDir() {
    String explicit = System.getenv("KUBE4C_CACHE_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "kube4c");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "kube4c");
  }

  private Path file(String digest) {
    String[] parts = digest.split(":", 2);
    return dir.resolve(parts[0]).resolve(parts[1] + ".json");
  }

  Optional<LayerContents> get(String digest) {
    Path file = file(digest);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      LayerContents contents = JSON.readValue(file.toFile(), LayerContents.class);
      return contents.digest().equals(digest) ? Optional.of(contents) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Stores complete contents; a cache that cannot be written only costs time later. */
  void put(LayerContents contents) {
    if (!contents.complete()) {
      return;
    }
    Path file = file(contents.digest());
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".layer", ".tmp");
      JSON.writeValue(tmp.toFile(), contents);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      // read-only or full disk: go on without the cache
    }
  }
}
