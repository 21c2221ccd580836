package dev.kube4c.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Key-based cosign verification of one image digest, as {@code cosign verify --key} does it: the
 * signatures live in the same repository under the tag {@code sha256-<hex>.sig}; each layer of that
 * manifest is a simple-signing JSON payload whose signature (base64) is the layer annotation {@code
 * dev.cosignproject.cosign/signature}. A signature counts when a trusted key verifies it over the
 * payload bytes and the payload's {@code critical.image.docker-manifest-digest} is the image
 * digest.
 */
public final class CosignVerifier {

  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  public static final String CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";
  public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String PAYLOAD_TYPE = "cosign container image signature";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OciClient client;
  private final List<TrustedKey> keys;

  public CosignVerifier(OciClient client, List<TrustedKey> keys) {
    this.client = client;
    this.keys = List.copyOf(keys);
  }

  /** The tag under which cosign stores the signatures of a digest. */
  public static String signatureTag(String digest) {
    return digest.replace(':', '-') + ".sig";
  }

  public ImageVerdict verify(String registry, String repository, String digest)
      throws RegistryException {
    String tag = signatureTag(digest);
    Optional<OciClient.Manifest> manifest = client.manifest(registry, repository, tag);
    if (manifest.isEmpty()) {
      return ImageVerdict.missing(
          digest, "no cosign signature for " + digest + " (no tag " + tag + ")");
    }
    JsonNode layers;
    try {
      layers = JSON.readTree(manifest.get().bytes()).path("layers");
    } catch (IOException e) {
      return ImageVerdict.invalid(digest, "the signature manifest " + tag + " is not JSON");
    }
    int signatures = 0;
    int keyless = 0;
    List<String> problems = new ArrayList<>();
    for (JsonNode layer : layers) {
      String encoded = layer.path("annotations").path(SIGNATURE_ANNOTATION).asText("");
      if (encoded.isEmpty()) {
        continue;
      }
      signatures++;
      byte[] signature;
      try {
        signature = Base64.getDecoder().decode(encoded.trim());
      } catch (IllegalArgumentException e) {
        problems.add("a signature annotation is not base64");
        continue;
      }
      byte[] payload = client.blob(registry, repository, layer.path("digest").asText(""));
      Optional<TrustedKey> signer =
          keys.stream().filter(k -> k.verifies(payload, signature)).findFirst();
      if (signer.isEmpty()) {
        if (layer.path("annotations").has(CERTIFICATE_ANNOTATION)) {
          keyless++;
        } else {
          problems.add("a signature does not verify with any trusted key");
        }
        continue;
      }
      String covered = coveredDigest(payload);
      if (digest.equals(covered)) {
        return ImageVerdict.verified(digest, "signed by " + signer.get().describe());
      }
      problems.add(
          "a signature by "
              + signer.get().describe()
              + " covers "
              + (covered == null ? "no image digest (malformed simple-signing payload)" : covered)
              + ", not "
              + digest);
    }
    if (signatures == 0) {
      return ImageVerdict.missing(digest, "the signature manifest " + tag + " holds no signature");
    }
    if (problems.isEmpty()) {
      // Only keyless signatures: they may be fine, but nothing we were told to trust vouches for
      // them.
      return ImageVerdict.missing(
          digest,
          keyless
              + " keyless (certificate) signature(s) for "
              + digest
              + " and none by a trusted key; keyless verification is not supported");
    }
    return ImageVerdict.invalid(
        digest,
        String.join("; ", problems.stream().distinct().toList())
            + " ("
            + signatures
            + " signature(s) under "
            + tag
            + ")");
  }

  /** critical.image.docker-manifest-digest of a simple-signing payload, when it is one. */
  static String coveredDigest(byte[] payload) {
    try {
      JsonNode critical = JSON.readTree(payload).path("critical");
      if (!PAYLOAD_TYPE.equals(critical.path("type").asText())) {
        return null;
      }
      String digest = critical.path("image").path("docker-manifest-digest").asText("");
      return digest.isEmpty() ? null : digest;
    } catch (IOException e) {
      return null;
    }
  }
}
