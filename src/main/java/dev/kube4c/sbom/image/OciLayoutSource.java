package dev.kube4c.sbom.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An OCI image layout folder ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/...}), as
 * {@code skopeo copy ... oci:DIR:TAG}, {@code crane} and {@code docker buildx --output type=oci}
 * write it. The tag picks the {@code index.json} entry by its {@code
 * org.opencontainers.image.ref.name} annotation; without a tag the layout must hold one image.
 */
final class OciLayoutSource implements ImageSource {

  private static final String REF_NAME = "org.opencontainers.image.ref.name";

  private final Path dir;
  private final String tag;
  private final String platform;

  OciLayoutSource(Path dir, String tag, String platform) {
    this.dir = dir;
    this.tag = tag;
    this.platform = platform;
  }

  @Override
  public Resolved resolve() throws IOException {
    String what = "oci:" + dir + (tag == null ? "" : ":" + tag);
    if (!Files.isRegularFile(dir.resolve("index.json"))) {
      throw new IOException(what + ": not an OCI layout (no index.json)");
    }
    JsonNode index = Manifests.parse(Files.readAllBytes(dir.resolve("index.json")), what);
    List<JsonNode> entries = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (JsonNode entry : index.path("manifests")) {
      String name = entry.path("annotations").path(REF_NAME).asText("");
      names.add(name);
      if (tag == null || tag.equals(name)) {
        entries.add(entry);
      }
    }
    if (entries.isEmpty()) {
      throw new IOException(what + ": no image tagged '" + tag + "'; tags: " + names);
    }
    if (entries.size() > 1) {
      throw new IOException(
          what + ": several images; name one with oci:DIR:TAG (tags: " + names + ")");
    }
    String digest = entries.get(0).path("digest").asText("");
    JsonNode manifest = Manifests.parse(blob(digest, what), what);
    if (Manifests.isIndex(manifest, entries.get(0).path("mediaType").asText(""))) {
      digest = Manifests.forPlatform(manifest, platform, what);
      manifest = Manifests.parse(blob(digest, what), what);
    }
    return new Resolved(digest, Manifests.layers(manifest, what));
  }

  private byte[] blob(String digest, String what) throws IOException {
    try {
      return Files.readAllBytes(path(digest));
    } catch (NoSuchFileException e) {
      throw new IOException(what + ": blob " + digest + " missing from the layout");
    }
  }

  private Path path(String digest) throws IOException {
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new IOException("oci:" + dir + ": bad digest '" + digest + "'");
    }
    return dir.resolve("blobs").resolve("sha256").resolve(digest.substring(7));
  }

  @Override
  public InputStream open(LayerRef layer) throws IOException {
    try {
      return Files.newInputStream(path(layer.digest()));
    } catch (NoSuchFileException e) {
      throw new IOException("blob " + layer.digest() + " missing from the layout");
    }
  }
}
