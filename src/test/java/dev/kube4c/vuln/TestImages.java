package dev.kube4c.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kube4c.sbom.OsRelease;
import dev.kube4c.sbom.Sbom;
import dev.kube4c.sbom.SbomReader;
import dev.kube4c.sbom.SoftwarePackage;
import dev.kube4c.vuln.db.AdvisoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Test images without a registry: the SBOMs of src/test/resources/vuln/images.json (an entry with
 * {@code error} is an image that cannot be read), behind the same {@link SbomReader} interface the
 * real image reader implements; and a store filled with the OSV records of vuln/osv/.
 */
public final class TestImages {

  public static final Path IMAGES = Path.of("src/test/resources/vuln/images.json");
  public static final Path OSV = Path.of("src/test/resources/vuln/osv");

  private TestImages() {}

  public static SbomReader reader() {
    JsonNode all;
    try {
      all = new ObjectMapper().readTree(IMAGES.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return image -> {
      JsonNode entry = all.get(image);
      if (entry == null) {
        throw new IOException("no such test image " + image);
      }
      if (entry.has("error")) {
        throw new IOException(entry.get("error").asText());
      }
      JsonNode os = entry.path("os");
      List<SoftwarePackage> packages = new ArrayList<>();
      for (JsonNode p : entry.path("packages")) {
        packages.add(
            new SoftwarePackage(
                p.path("ecosystem").asText(),
                p.path("name").asText(),
                p.path("version").asText(),
                p.path("sourceName").asText(null),
                p.path("sourceVersion").asText(null),
                null,
                null));
      }
      return new Sbom(
          image,
          null,
          os.isMissingNode()
              ? null
              : new OsRelease(
                  os.path("id").asText(),
                  os.path("versionId").asText(),
                  os.path("versionCodename").asText(null),
                  null),
          packages,
          List.of());
    };
  }

  /** A store in {@code dir} holding the test OSV records, imported at {@code when}. */
  public static AdvisoryStore store(Path dir, Instant when) throws IOException {
    AdvisoryStore store = new AdvisoryStore(dir);
    store.importFiles(List.of(OSV), when);
    return store;
  }

  public static ImageScanner scanner(AdvisoryStore store) {
    return new ImageScanner(reader(), store, Duration.ofDays(3650), 2, null);
  }
}
