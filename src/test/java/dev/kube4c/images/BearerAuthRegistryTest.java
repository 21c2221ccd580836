package dev.kube4c.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kube4c.images.ImageVerdict.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Bearer-token dance against a real registry (distribution with token auth and a token server
 * that wants Basic credentials), with the credentials read from a Docker config file.
 */
class BearerAuthRegistryTest {

  private static TokenServer tokens;
  private static LocalRegistry registry;
  private static DockerCredentials credentials;
  private static SignedImages images;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Path certs = Files.createDirectories(dir.resolve("certs"));
    tokens = TokenServer.start(certs, "ci-bot", "s3cret:with:colons");
    registry = LocalRegistry.start(tokens.registryAuthConfig());
    Path dockerConfig = dir.resolve("config.json");
    String auth =
        Base64.getEncoder()
            .encodeToString("ci-bot:s3cret:with:colons".getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        dockerConfig,
        "{\"auths\":{\""
            + registry.address()
            + "\":{\"auth\":\""
            + auth
            + "\"}},\"credsStore\":\"desktop\"}");
    credentials = DockerCredentials.load(dockerConfig);
    images =
        SignedImages.push(
            registry.address(), Files.createDirectories(dir.resolve("keys")), credentials);
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }

  @Test
  void verifiesThroughBearerTokens() {
    CosignImageVerifier verifier =
        new CosignImageVerifier(
            new OciClient(credentials, Duration.ofSeconds(10)), images.trustedKeys());
    int before = tokens.tokensIssued();
    List<String> refs =
        List.of(
            images.image("ecdsa", "signed"),
            images.image("rsa", "unsigned"),
            images.image("ed25519", "wrong-key"));
    ImageTrust trust = verifier.verify(refs);
    assertThat(trust.problems()).isEmpty();
    assertThat(trust.verdict(refs.get(0)).orElseThrow().status()).isEqualTo(Status.VERIFIED);
    assertThat(trust.verdict(refs.get(1)).orElseThrow().status()).isEqualTo(Status.MISSING);
    assertThat(trust.verdict(refs.get(2)).orElseThrow().status()).isEqualTo(Status.INVALID);
    // one token per repository scope, reused for the manifest, signature and blob requests
    assertThat(tokens.tokensIssued() - before).isBetween(3, 6);
  }

  @Test
  void anonymousAccessIsRefusedWithAClearMessage() {
    OciClient anonymous = new OciClient(DockerCredentials.NONE, Duration.ofSeconds(10));
    assertThatThrownBy(() -> anonymous.manifest(registry.address(), "kube4c/ecdsa", "signed"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("token from 127.0.0.1 failed with HTTP 401");
    ImageTrust trust =
        new CosignImageVerifier(anonymous, images.trustedKeys())
            .verify(List.of(images.image("ecdsa", "signed")));
    assertThat(trust.problems()).singleElement().asString().contains("image verification failed");
  }

  @Test
  void dockerConfigParsing() throws Exception {
    ObjectMapper json = new ObjectMapper();
    DockerCredentials parsed =
        DockerCredentials.parse(
            json.readTree(
                "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\""
                    + Base64.getEncoder().encodeToString("me:pw".getBytes(StandardCharsets.UTF_8))
                    + "\"},"
                    + "\"myacr.azurecr.io\":{\"identitytoken\":\"refresh\"},\"ghcr.io\":{\"username\":\"u\",\"password\":\"p\"},\"broken.io\":{\"auth\":\"!!!\"}}}"));
    assertThat(parsed.forRegistry("docker.io"))
        .get()
        .extracting(DockerCredentials.Login::username)
        .isEqualTo("me");
    assertThat(parsed.forRegistry("myacr.azurecr.io"))
        .get()
        .extracting(DockerCredentials.Login::identityToken)
        .isEqualTo("refresh");
    assertThat(parsed.forRegistry("ghcr.io"))
        .get()
        .extracting(DockerCredentials.Login::password)
        .isEqualTo("p");
    assertThat(parsed.forRegistry("broken.io")).isEmpty();
    assertThat(parsed.forRegistry("quay.io")).isEmpty();
    assertThat(parsed.forRegistry("ghcr.io").orElseThrow().toString())
        .doesNotContain("p]")
        .contains("***");
  }
}
