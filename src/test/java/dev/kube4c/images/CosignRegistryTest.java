package dev.kube4c.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.cli.Main;
import dev.kube4c.images.ImageVerdict.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Key-based cosign verification against a real registry (Debian docker-registry on loopback). */
class CosignRegistryTest {

  private static LocalRegistry registry;
  private static SignedImages images;

  @BeforeAll
  static void pushImages(@TempDir Path keys) throws Exception {
    registry = LocalRegistry.start("");
    images = SignedImages.push(registry.address(), keys);
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  private static CosignImageVerifier verifier() {
    return new CosignImageVerifier(
        new OciClient(DockerCredentials.NONE, Duration.ofSeconds(10)), images.trustedKeys());
  }

  @TestFactory
  Stream<DynamicTest> everyKeyKindAndCase() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String kind : SignedImages.KINDS) {
      for (String name : SignedImages.CASES) {
        Status expected =
            switch (name) {
              case "signed", "signed-docker" -> Status.VERIFIED;
              case "unsigned" -> Status.MISSING;
              default -> Status.INVALID;
            };
        tests.add(
            DynamicTest.dynamicTest(
                kind + " " + name + " is " + expected,
                () -> {
                  String image = images.image(kind, name);
                  ImageTrust trust = verifier().verify(List.of(image));
                  ImageVerdict verdict = trust.verdict(image).orElseThrow();
                  assertThat(verdict.status()).as(verdict.detail()).isEqualTo(expected);
                  assertThat(verdict.digest()).isEqualTo(images.digest(kind, name));
                  assertThat(trust.problems()).isEmpty();
                }));
      }
    }
    return tests.stream();
  }

  @Test
  void messagesSayWhatIsWrong() {
    ImageTrust trust =
        verifier()
            .verify(
                List.of(
                    images.image("rsa", "signed"),
                    images.image("rsa", "wrong-key"),
                    images.image("ed25519", "other-digest"),
                    images.image("ecdsa", "unsigned")));
    assertThat(trust.verdict(images.image("rsa", "signed")).orElseThrow().detail())
        .isEqualTo("signed by cosign-rsa.pub (RSA)");
    assertThat(trust.verdict(images.image("rsa", "wrong-key")).orElseThrow().detail())
        .startsWith("a signature does not verify with any trusted key");
    assertThat(trust.verdict(images.image("ed25519", "other-digest")).orElseThrow().detail())
        .contains(
            "covers "
                + images.digest("ed25519", "signed")
                + ", not "
                + images.digest("ed25519", "other-digest"));
    assertThat(trust.verdict(images.image("ecdsa", "unsigned")).orElseThrow().detail())
        .contains("no tag " + images.digest("ecdsa", "unsigned").replace(':', '-') + ".sig");
  }

  @Test
  void digestPinnedReferencesAreVerifiedWithoutResolving() {
    String pinned = images.registry() + "/kube4c/ecdsa@" + images.digest("ecdsa", "signed");
    String pinnedUnsigned =
        images.registry() + "/kube4c/ecdsa:whatever@" + images.digest("ecdsa", "unsigned");
    ImageTrust trust = verifier().verify(List.of(pinned, pinnedUnsigned));
    assertThat(trust.verdict(pinned).orElseThrow().status()).isEqualTo(Status.VERIFIED);
    assertThat(trust.verdict(pinnedUnsigned).orElseThrow().status()).isEqualTo(Status.MISSING);
  }

  @Test
  void onlyTheRightKeyCounts() throws Exception {
    // The ECDSA image checked with only the RSA and Ed25519 keys: the signature exists but no
    // trusted key made it.
    List<TrustedKey> others = images.trustedKeys().subList(1, 3);
    CosignImageVerifier verifier =
        new CosignImageVerifier(
            new OciClient(DockerCredentials.NONE, Duration.ofSeconds(10)), others);
    String image = images.image("ecdsa", "signed");
    assertThat(verifier.verify(List.of(image)).verdict(image).orElseThrow().status())
        .isEqualTo(Status.INVALID);
  }

  @Test
  void missingImageAndUnreachableRegistryAreErrorsNotFindings() throws Exception {
    String absent = images.registry() + "/kube4c/ecdsa:no-such-tag";
    int closedPort = LocalRegistry.freePort();
    String down = "127.0.0.1:" + closedPort + "/shop/web:1.0";
    String downToo = "127.0.0.1:" + closedPort + "/shop/api:1.0";
    ImageTrust trust = verifier().verify(List.of(absent, down, downToo));
    assertThat(trust.verdict(absent).orElseThrow().status()).isEqualTo(Status.ERROR);
    assertThat(trust.verdict(down).orElseThrow().status()).isEqualTo(Status.ERROR);
    assertThat(trust.problems()).hasSize(3);
    assertThat(trust.problems().toString())
        .contains("has no image kube4c/ecdsa:no-such-tag")
        .contains("registry 127.0.0.1:" + closedPort + " unreachable");
  }

  /**
   * Cold: resolve + signature manifest + payload per image; cached: the per-digest results are
   * reused.
   */
  @Test
  void resultsAreCachedPerDigest() {
    CosignImageVerifier verifier = verifier();
    List<String> all = new ArrayList<>();
    SignedImages.KINDS.forEach(k -> SignedImages.CASES.forEach(c -> all.add(images.image(k, c))));
    long cold = System.nanoTime();
    ImageTrust first = verifier.verify(all);
    cold = System.nanoTime() - cold;
    long warm = System.nanoTime();
    ImageTrust second = verifier.verify(all);
    warm = System.nanoTime() - warm;
    assertThat(second.verdicts()).isEqualTo(first.verdicts());
    System.out.printf(
        "image verification: %d images, cold %.1f ms (%.2f ms/image), cached %.1f ms (%.2f ms/image)%n",
        all.size(), cold / 1e6, cold / 1e6 / all.size(), warm / 1e6, warm / 1e6 / all.size());
  }

  @Test
  void commandLineVerifiesAndReportsFindings(@TempDir Path dir) throws Exception {
    Path manifest = dir.resolve("app.yaml");
    Files.writeString(
        manifest,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Pod",
            "metadata: {name: app, namespace: shop}",
            "spec:",
            "  containers:",
            "  - {name: good, image: " + images.image("ecdsa", "signed") + "}",
            "  - {name: bare, image: " + images.image("rsa", "unsigned") + "}",
            "  - {name: forged, image: " + images.image("ed25519", "wrong-key") + "}",
            ""));
    List<String> args =
        new ArrayList<>(
            List.of(
                "scan",
                manifest.toString(),
                "--rule",
                "image-signature-missing,image-signature-invalid",
                "--format",
                "json",
                "-o",
                dir.resolve("report.json").toString(),
                "--verbose",
                "--verify-images"));
    images.keyFiles().forEach(k -> args.addAll(List.of("--cosign-key", k.toString())));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as(err.toString()).isEqualTo(Main.EXIT_FINDINGS);
    assertThat(err.toString())
        .containsPattern(
            "note: image verification: 3 image\\(s\\) in \\d+ ms \\(1 verified, 1 missing, 1 invalid, 0 error\\)");
    System.out.println(
        err.toString()
            .lines()
            .filter(l -> l.contains("image verification"))
            .findFirst()
            .orElse(""));
    assertThat(Files.readString(dir.resolve("report.json")))
        .contains("\"ruleId\" : \"image-signature-missing\"")
        .contains("\"container\" : \"bare\"")
        .contains("\"ruleId\" : \"image-signature-invalid\"")
        .contains("\"container\" : \"forged\"")
        .doesNotContain("\"container\" : \"good\"");
  }

  @Test
  void unreachableRegistryIsAClearErrorWithExitCode2(@TempDir Path dir) throws Exception {
    Path manifest = dir.resolve("app.yaml");
    Files.writeString(
        manifest,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n  - {name: a, image: 127.0.0.1:"
            + LocalRegistry.freePort()
            + "/x/y:1}\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {
              "scan",
              manifest.toString(),
              "--verify-images",
              "--cosign-key",
              images.keyFiles().get(0).toString(),
              "--format",
              "json",
              "-o",
              dir.resolve("r.json").toString()
            },
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(code).isEqualTo(Main.EXIT_ERROR);
    assertThat(err.toString())
        .contains("image verification failed: registry 127.0.0.1:")
        .contains("unreachable")
        .doesNotContain("Exception");
  }

  @Test
  void badKeyFilesAreUsageErrors(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("cosign.key");
    Files.writeString(
        key,
        "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {
              "scan", dir.toString(), "--verify-images", "--cosign-key", key.toString()
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));
    assertThat(code).isEqualTo(Main.EXIT_ERROR);
    assertThat(err.toString()).contains("this is a private key: give the .pub file");
  }
}
