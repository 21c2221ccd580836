package dev.kube4c.sbom.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * A {@code docker save} tarball: {@code manifest.json} names the config and the layer files (one
 * entry per saved tag; a tag picks one, else the first), and the config's {@code rootfs.diff_ids}
 * are the digests of the uncompressed layers. The tarball is read in place (random access), never
 * unpacked.
 */
final class DockerArchiveSource implements ImageSource {

  private final Path file;
  private final String tag;
  private TarFile tar;
  private final Map<String, TarArchiveEntry> layerEntries = new HashMap<>();

  DockerArchiveSource(Path file, String tag) {
    this.file = file;
    this.tag = tag;
  }

  @Override
  public synchronized Resolved resolve() throws IOException {
    String what = "docker-archive:" + file;
    if (!Files.isRegularFile(file)) {
      throw new IOException(what + ": no such file");
    }
    try {
      tar = new TarFile(file);
    } catch (IOException e) {
      throw new IOException(
          what
              + ": not an uncompressed tar ("
              + e.getMessage()
              + "); a gzipped 'docker save' must be gunzipped first");
    }
    try {
      return resolve(what);
    } finally {
      tar.close();
    }
  }

  private Resolved resolve(String what) throws IOException {
    Map<String, TarArchiveEntry> entries = new HashMap<>();
    for (TarArchiveEntry e : tar.getEntries()) {
      entries.put(e.getName().replaceFirst("^\\./", ""), e);
    }
    TarArchiveEntry manifestEntry = entries.get("manifest.json");
    if (manifestEntry == null) {
      throw new IOException(what + ": no manifest.json (not a 'docker save' tarball)");
    }
    JsonNode manifests = read(entries, manifestEntry, what);
    JsonNode chosen = null;
    for (JsonNode m : manifests) {
      boolean tagged = false;
      for (JsonNode t : m.path("RepoTags")) {
        tagged |= t.asText().equals(tag);
      }
      if (chosen == null && (tag == null || tagged)) {
        chosen = m;
      }
    }
    if (chosen == null) {
      throw new IOException(what + ": no image tagged " + tag);
    }
    TarArchiveEntry configEntry = entries.get(chosen.path("Config").asText());
    if (configEntry == null) {
      throw new IOException(what + ": config " + chosen.path("Config").asText() + " missing");
    }
    JsonNode diffIds = read(entries, configEntry, what).path("rootfs").path("diff_ids");
    JsonNode files = chosen.path("Layers");
    if (diffIds.size() != files.size()) {
      throw new IOException(
          what + ": config lists " + diffIds.size() + " layers, manifest " + files.size());
    }
    List<LayerRef> layers = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      String digest = diffIds.get(i).asText();
      TarArchiveEntry layer = entries.get(files.get(i).asText());
      if (layer == null) {
        throw new IOException(what + ": layer file " + files.get(i).asText() + " missing");
      }
      if (!digest.matches("sha256:[0-9a-f]{64}")) {
        throw new IOException(what + ": bad layer digest '" + digest + "'");
      }
      layerEntries.put(digest, layer);
      layers.add(new LayerRef(digest, layer.getSize(), true));
    }
    return new Resolved(null, layers);
  }

  private JsonNode read(Map<String, TarArchiveEntry> entries, TarArchiveEntry entry, String what)
      throws IOException {
    if (entry.getSize() > 4 * 1024 * 1024) {
      throw new IOException(what + ": " + entry.getName() + " is too large for a manifest");
    }
    try (InputStream in = tar.getInputStream(entry)) {
      return Manifests.JSON_READER.readTree(in.readAllBytes());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(what + ": " + entry.getName() + " is not valid JSON");
    }
  }

  /** Each layer gets its own channel at the entry's data offset, so layers are read in parallel. */
  @Override
  public InputStream open(LayerRef layer) throws IOException {
    TarArchiveEntry entry;
    synchronized (this) {
      entry = layerEntries.get(layer.digest());
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    channel.position(entry.getDataOffset());
    return BoundedInputStream.builder()
        .setInputStream(Channels.newInputStream(channel))
        .setMaxCount(entry.getSize())
        .get();
  }
}
