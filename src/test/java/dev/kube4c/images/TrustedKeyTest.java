package dev.kube4c.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kube4c.images.CosignFormats.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** PEM parsing and signature checks of the three key kinds, without a registry. */
class TrustedKeyTest {

  @Test
  void eachKindVerifiesItsOwnSignaturesOnly() throws Exception {
    byte[] payload = CosignFormats.payload("example.com/app", "sha256:" + "ab".repeat(32));
    for (String kind : SignedImages.KINDS) {
      SigningKey signer = SigningKey.generate(kind);
      TrustedKey key = TrustedKey.parse(kind + ".pub", signer.publicPem());
      byte[] signature = signer.sign(payload);
      assertThat(key.verifies(payload, signature)).as(kind).isTrue();
      byte[] changed = payload.clone();
      changed[10] ^= 1;
      assertThat(key.verifies(changed, signature)).as(kind + " tampered").isFalse();
      assertThat(key.verifies(payload, SigningKey.generate(kind).sign(payload)))
          .as(kind + " other key")
          .isFalse();
      assertThat(key.verifies(payload, new byte[] {1, 2, 3})).as(kind + " garbage").isFalse();
    }
  }

  /** cosign 2.3+ signs with Ed25519ph (pre-hashed, RFC 8032); CosignInteropTest showed it. */
  @Test
  void ed25519PrehashedSignaturesVerifyToo() throws Exception {
    SigningKey signer = SigningKey.generate("ed25519");
    byte[] payload = CosignFormats.payload("example.com/app", "sha256:" + "ef".repeat(32));
    java.security.Signature ph = java.security.Signature.getInstance("Ed25519");
    ph.setParameter(new java.security.spec.EdDSAParameterSpec(true));
    ph.initSign(signer.pair().getPrivate());
    ph.update(payload);
    byte[] signature = ph.sign();
    TrustedKey key = TrustedKey.parse("ed.pub", signer.publicPem());
    assertThat(key.verifies(payload, signature)).isTrue();
    assertThat(key.verifies("other".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
  }

  @Test
  void badFilesAreClearErrors() {
    assertThatThrownBy(() -> TrustedKey.parse("k", "hello"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a PEM public key");
    assertThatThrownBy(
            () ->
                TrustedKey.parse(
                    "k", "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----\n"))
        .hasMessageContaining("not base64");
    assertThatThrownBy(
            () ->
                TrustedKey.parse(
                    "k", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))
        .hasMessageContaining("unsupported public key");
  }

  @Test
  void simpleSigningDigestIsReadOnlyFromCosignPayloads() {
    String digest = "sha256:" + "cd".repeat(32);
    assertThat(CosignVerifier.coveredDigest(CosignFormats.payload("r/x", digest)))
        .isEqualTo(digest);
    assertThat(
            CosignVerifier.coveredDigest(
                "{\"critical\":{\"type\":\"other\",\"image\":{\"docker-manifest-digest\":\"x\"}}}"
                    .getBytes(StandardCharsets.UTF_8)))
        .isNull();
    assertThat(CosignVerifier.coveredDigest("not json".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(CosignVerifier.signatureTag(digest)).isEqualTo("sha256-" + "cd".repeat(32) + ".sig");
  }

  @Test
  void loopbackRegistriesUsePlainHttp() {
    assertThat(OciClient.baseUri("127.0.0.1:5000").toString()).isEqualTo("http://127.0.0.1:5000/");
    assertThat(OciClient.baseUri("localhost").toString()).isEqualTo("http://localhost/");
    assertThat(OciClient.baseUri("[::1]:5000").toString()).isEqualTo("http://[::1]:5000/");
    assertThat(OciClient.baseUri("docker.io").toString())
        .isEqualTo("https://registry-1.docker.io/");
    assertThat(OciClient.baseUri("127.example.com").toString()).startsWith("https://");
  }
}
