package dev.kube4c.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.images.CosignFormats.SigningKey;
import dev.kube4c.images.ImageVerdict.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with the real cosign, both ways: signatures made by {@code cosign sign} (keys of
 * each kind imported with {@code cosign import-key-pair}) verify with kube4c, and the signatures
 * kube4c's tests write verify with {@code cosign verify}. Skipped when no cosign binary is found
 * (system property kube4c.cosign, or cosign on the PATH; .ci/install-cosign.sh builds it).
 */
class CosignInteropTest {

  private static LocalRegistry registry;
  private static Path cosign;

  @BeforeAll
  static void start() throws Exception {
    cosign = findCosign().orElse(null);
    Assumptions.assumeTrue(
        cosign != null,
        "skipped: no cosign binary (set -Dkube4c.cosign=PATH or run .ci/install-cosign.sh)");
    registry = LocalRegistry.start("");
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  static Optional<Path> findCosign() {
    String property = System.getProperty("kube4c.cosign", "");
    if (!property.isEmpty() && Files.isExecutable(Path.of(property))) {
      return Optional.of(Path.of(property));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "cosign");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @Test
  void signaturesMadeByCosignVerify(@TempDir Path dir) throws Exception {
    OciClient client = new OciClient(DockerCredentials.NONE, Duration.ofSeconds(10));
    CosignFormats formats = new CosignFormats(client, registry.address());
    List<TrustedKey> keys = new ArrayList<>();
    List<String> signed = new ArrayList<>();
    long seed = 100;
    for (String kind : SignedImages.KINDS) {
      Path kindDir = Files.createDirectories(dir.resolve(kind));
      SigningKey key = SigningKey.generate(kind);
      Path pem = kindDir.resolve("private.pem");
      Files.writeString(
          pem,
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(key.pair().getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n");
      run(kindDir, "import-key-pair", "--key", pem.toString(), "--output-key-prefix", "cosign");
      keys.add(TrustedKey.load(kindDir.resolve("cosign.pub")));
      String digest = formats.pushImage("interop/" + kind, "v1", true, seed++);
      String image = registry.address() + "/interop/" + kind + "@" + digest;
      run(
          kindDir,
          "sign",
          "--key",
          kindDir.resolve("cosign.key").toString(),
          "--tlog-upload=false",
          "--yes",
          "--allow-http-registry",
          "--allow-insecure-registry",
          image);
      signed.add(image);
      formats.pushImage("interop/" + kind, "unsigned", true, seed++);
    }
    CosignImageVerifier verifier = new CosignImageVerifier(client, keys);
    ImageTrust trust = verifier.verify(signed);
    for (String image : signed) {
      assertThat(trust.verdict(image).orElseThrow().status())
          .as(image + ": " + trust.verdict(image).orElseThrow().detail())
          .isEqualTo(Status.VERIFIED);
    }
    // each cosign key verifies only its own kind's image
    String ecdsaImage = signed.get(0);
    ImageTrust others =
        new CosignImageVerifier(client, keys.subList(1, 3)).verify(List.of(ecdsaImage));
    assertThat(others.verdict(ecdsaImage).orElseThrow().status()).isEqualTo(Status.INVALID);
  }

  @Test
  void signaturesWrittenByKube4cTestsVerifyWithCosign(@TempDir Path dir) throws Exception {
    SignedImages images = SignedImages.push(registry.address(), dir);
    for (int i = 0; i < SignedImages.KINDS.size(); i++) {
      String kind = SignedImages.KINDS.get(i);
      String key = images.keyFiles().get(i).toString();
      for (String name :
          List.of(
              "signed",
              "signed-docker",
              "unsigned",
              "wrong-key",
              "tampered-payload",
              "other-digest")) {
        int code =
            runStatus(
                dir,
                "verify",
                "--key",
                key,
                "--insecure-ignore-tlog=true",
                "--allow-http-registry",
                "--allow-insecure-registry",
                images.image(kind, name));
        boolean good = name.startsWith("signed");
        assertThat(code == 0).as("cosign verify %s:%s exit %d", kind, name, code).isEqualTo(good);
      }
    }
  }

  private static void run(Path dir, String... args) throws IOException, InterruptedException {
    int code = runStatus(dir, args);
    assertThat(code)
        .as("cosign " + String.join(" ", args) + "\n" + Files.readString(dir.resolve("cosign.log")))
        .isZero();
  }

  private static int runStatus(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(cosign.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("cosign.log").toFile());
    Map<String, String> env = builder.environment();
    env.put("COSIGN_PASSWORD", "");
    env.put("COSIGN_YES", "true");
    env.put("COSIGN_EXPERIMENTAL", "0");
    env.put("HOME", dir.toString()); // no user Docker config, no sigstore TUF cache of the user
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }
}
