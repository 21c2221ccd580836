package dev.kube4c.sbom.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * OCI and Docker v2 manifests and indexes (manifest lists): which kind a document is, its layers,
 * and the entry of an index for a platform ({@code os/arch[/variant]}).
 */
final class Manifests {

  static final ObjectMapper JSON_READER = new ObjectMapper();

  private Manifests() {}

  static JsonNode parse(byte[] bytes, String what) throws IOException {
    try {
      JsonNode node = JSON_READER.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new IOException(what + ": not a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(what + ": not valid JSON (" + e.getOriginalMessage() + ")");
    }
  }

  static boolean isIndex(JsonNode manifest, String mediaType) {
    String type = manifest.path("mediaType").asText(mediaType == null ? "" : mediaType);
    return type.contains("index") || type.contains("manifest.list") || manifest.has("manifests");
  }

  static List<LayerRef> layers(JsonNode manifest, String what) throws IOException {
    JsonNode layers = manifest.path("layers");
    if (!layers.isArray()) {
      throw new IOException(what + ": manifest has no layers (schema 1 manifests are not read)");
    }
    List<LayerRef> refs = new ArrayList<>();
    for (JsonNode layer : layers) {
      String digest = layer.path("digest").asText("");
      if (!digest.matches("sha256:[0-9a-f]{64}")) {
        throw new IOException(
            what + ": layer with a missing or non-sha256 digest '" + digest + "'");
      }
      refs.add(new LayerRef(digest, layer.path("size").asLong(-1), false));
    }
    return refs;
  }

  /** The digest of the index entry for the platform, or an error listing what the index has. */
  static String forPlatform(JsonNode index, String platform, String what) throws IOException {
    String[] want = platform.split("/");
    List<String> offered = new ArrayList<>();
    for (JsonNode entry : index.path("manifests")) {
      JsonNode p = entry.path("platform");
      String os = p.path("os").asText("");
      String arch = p.path("architecture").asText("");
      String variant = p.path("variant").asText("");
      if (os.equals("unknown") || os.isEmpty()) {
        continue; // attestation manifests (buildx provenance, SBOM)
      }
      offered.add(os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant));
      if (os.equals(want[0])
          && arch.equals(want.length > 1 ? want[1] : "amd64")
          && (want.length < 3 || variant.equals(want[2]))) {
        return entry.path("digest").asText();
      }
    }
    throw new IOException(
        what
            + ": no "
            + platform
            + " image in the index"
            + (offered.isEmpty() ? "" : "; it has " + String.join(", ", offered)));
  }
}
