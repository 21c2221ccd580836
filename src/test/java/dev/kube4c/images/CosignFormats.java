package dev.kube4c.images;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes images and cosign signatures to a registry in the byte formats that docker/buildkit and
 * cosign produce (cosign's SIGNATURE_SPEC): an image manifest with config and layer blobs, and the
 * {@code sha256-<hex>.sig} OCI manifest whose layer is the simple-signing payload with the
 * signature annotation. Image layers are opaque bytes (nothing reads them). Test-only.
 */
public final class CosignFormats {

  /** A key pair of one kind with the JDK signature algorithm cosign uses for it. */
  record SigningKey(String kind, KeyPair pair, String algorithm) {

    static SigningKey generate(String kind) throws GeneralSecurityException {
      return switch (kind) {
        case "ecdsa" -> {
          KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec("secp256r1"));
          yield new SigningKey(kind, g.generateKeyPair(), "SHA256withECDSA");
        }
        case "rsa" -> {
          KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
          g.initialize(2048);
          yield new SigningKey(kind, g.generateKeyPair(), "SHA256withRSA");
        }
        case "ed25519" ->
            new SigningKey(
                kind, KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), "Ed25519");
        default -> throw new IllegalArgumentException(kind);
      };
    }

    byte[] sign(byte[] payload) throws GeneralSecurityException {
      PrivateKey key = pair.getPrivate();
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(key);
      signature.update(payload);
      return signature.sign();
    }

    /** The public key as cosign.pub holds it. */
    String publicPem() {
      return "-----BEGIN PUBLIC KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(pair.getPublic().getEncoded())
          + "\n-----END PUBLIC KEY-----\n";
    }
  }

  private final OciClient client;
  private final String registry;

  public CosignFormats(OciClient client, String registry) {
    this.client = client;
    this.registry = registry;
  }

  /**
   * Pushes a small single-layer image under {@code repository:tag}; returns its manifest digest.
   */
  String pushImage(String repository, String tag, boolean oci, long seed)
      throws IOException, RegistryException {
    byte[] layer = gzip(randomBytes(seed, 512));
    String diffId = OciClient.sha256(ungzippedFor(seed));
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/app\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + diffId
                + "\"]}}")
            .getBytes(StandardCharsets.UTF_8);
    client.pushBlob(registry, repository, layer);
    client.pushBlob(registry, repository, config);
    String manifestType = oci ? OciClient.OCI_MANIFEST : OciClient.DOCKER_MANIFEST;
    String configType =
        oci
            ? "application/vnd.oci.image.config.v1+json"
            : "application/vnd.docker.container.image.v1+json";
    String layerType =
        oci
            ? "application/vnd.oci.image.layer.v1.tar+gzip"
            : "application/vnd.docker.image.rootfs.diff.tar.gzip";
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + manifestType
            + "\","
            + "\"config\":{\"mediaType\":\""
            + configType
            + "\",\"size\":"
            + config.length
            + ",\"digest\":\""
            + OciClient.sha256(config)
            + "\"},"
            + "\"layers\":[{\"mediaType\":\""
            + layerType
            + "\",\"size\":"
            + layer.length
            + ",\"digest\":\""
            + OciClient.sha256(layer)
            + "\"}]}";
    return client.pushManifest(
        registry, repository, tag, manifest.getBytes(StandardCharsets.UTF_8), manifestType);
  }

  /**
   * The simple-signing payload cosign signs for an image digest (compact JSON, as cosign marshals
   * it).
   */
  static byte[] payload(String dockerReference, String digest) {
    return ("{\"critical\":{\"identity\":{\"docker-reference\":\""
            + dockerReference
            + "\"},\"image\":{\"docker-manifest-digest\":\""
            + digest
            + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Pushes the .sig manifest for {@code digest}: one simple-signing layer per (payload, signature).
   */
  void pushSignature(String repository, String digest, byte[] payload, byte[] signature)
      throws RegistryException {
    client.pushBlob(registry, repository, payload);
    byte[] config =
        ("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":\"0001-01-01T00:00:00Z\"}],\"os\":\"\","
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + OciClient.sha256(payload)
                + "\"]},\"config\":{}}")
            .getBytes(StandardCharsets.UTF_8);
    client.pushBlob(registry, repository, config);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + OciClient.OCI_MANIFEST
            + "\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":"
            + config.length
            + ",\"digest\":\""
            + OciClient.sha256(config)
            + "\"},"
            + "\"layers\":[{\"mediaType\":\""
            + CosignVerifier.SIMPLE_SIGNING
            + "\",\"size\":"
            + payload.length
            + ",\"digest\":\""
            + OciClient.sha256(payload)
            + "\","
            + "\"annotations\":{\""
            + CosignVerifier.SIGNATURE_ANNOTATION
            + "\":\""
            + Base64.getEncoder().encodeToString(signature)
            + "\"}}]}";
    client.pushManifest(
        registry,
        repository,
        CosignVerifier.signatureTag(digest),
        manifest.getBytes(StandardCharsets.UTF_8),
        OciClient.OCI_MANIFEST);
  }

  private static byte[] randomBytes(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] ungzippedFor(long seed) {
    return randomBytes(seed, 512);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
