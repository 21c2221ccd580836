package dev.kube4c.images;

import dev.kube4c.images.CosignFormats.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images the image-trust tests push, per key kind K (ecdsa, rsa, ed25519), in repository {@code
 * kube4c/K}: {@code signed} (OCI manifest) and {@code signed-docker} (Docker v2 manifest) signed by
 * the trusted key of kind K; {@code unsigned}; {@code wrong-key} signed by an untrusted key of kind
 * K; {@code tampered-payload} whose payload was changed after signing; and {@code other-digest}, a
 * valid signature whose payload names a different image digest.
 */
public final class SignedImages {

  public static final List<String> KINDS = List.of("ecdsa", "rsa", "ed25519");
  public static final List<String> CASES =
      List.of(
          "signed", "signed-docker", "unsigned", "wrong-key", "tampered-payload", "other-digest");

  /** The host the fixtures use instead of the registry's random address. */
  public static final String PLACEHOLDER = "registry.kube4c.test";

  private final String registry;
  private final Map<String, String> digests = new LinkedHashMap<>();
  private final List<TrustedKey> trusted = new ArrayList<>();
  private final List<Path> keyFiles = new ArrayList<>();

  private SignedImages(String registry) {
    this.registry = registry;
  }

  public static SignedImages push(String registry, Path keyDir) throws Exception {
    return push(registry, keyDir, DockerCredentials.NONE);
  }

  public static SignedImages push(String registry, Path keyDir, DockerCredentials credentials)
      throws Exception {
    SignedImages images = new SignedImages(registry);
    OciClient client = new OciClient(credentials, Duration.ofSeconds(10));
    CosignFormats formats = new CosignFormats(client, registry);
    long seed = 1;
    for (String kind : KINDS) {
      SigningKey key = SigningKey.generate(kind);
      SigningKey stranger = SigningKey.generate(kind);
      Path pub = keyDir.resolve("cosign-" + kind + ".pub");
      Files.writeString(pub, key.publicPem(), StandardCharsets.US_ASCII);
      images.keyFiles.add(pub);
      images.trusted.add(TrustedKey.load(pub));
      String repository = "kube4c/" + kind;
      String reference = registry + "/" + repository;
      for (String name : CASES) {
        String digest = formats.pushImage(repository, name, !name.equals("signed-docker"), seed++);
        images.digests.put(kind + ":" + name, digest);
      }
      for (String name : CASES) {
        String digest = images.digests.get(kind + ":" + name);
        byte[] payload = CosignFormats.payload(reference, digest);
        switch (name) {
          case "signed", "signed-docker" ->
              formats.pushSignature(repository, digest, payload, key.sign(payload));
          case "wrong-key" ->
              formats.pushSignature(repository, digest, payload, stranger.sign(payload));
          case "tampered-payload" -> {
            byte[] tampered =
                new String(payload, StandardCharsets.UTF_8)
                    .replace(reference, reference + "-evil")
                    .getBytes(StandardCharsets.UTF_8);
            formats.pushSignature(repository, digest, tampered, key.sign(payload));
          }
          case "other-digest" -> {
            byte[] elsewhere =
                CosignFormats.payload(reference, images.digests.get(kind + ":signed"));
            formats.pushSignature(repository, digest, elsewhere, key.sign(elsewhere));
          }
          default -> {} // unsigned
        }
      }
    }
    return images;
  }

  public String registry() {
    return registry;
  }

  public String image(String kind, String name) {
    return registry + "/kube4c/" + kind + ":" + name;
  }

  public String digest(String kind, String name) {
    return digests.get(kind + ":" + name);
  }

  public List<TrustedKey> trustedKeys() {
    return List.copyOf(trusted);
  }

  public List<Path> keyFiles() {
    return List.copyOf(keyFiles);
  }
}
