package dev.kube4c.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.config.Config;
import dev.kube4c.images.CosignImageVerifier;
import dev.kube4c.images.DockerCredentials;
import dev.kube4c.images.LocalRegistry;
import dev.kube4c.images.OciClient;
import dev.kube4c.images.SignedImages;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image signatures enforced at admission against a real registry (Debian's docker-registry on
 * loopback, images signed as cosign does): signed admitted, unsigned denied naming the image,
 * unreachable or slow registries denied (fail-closed) or warned (fail-open) within the budget.
 */
class ImageEnforcementTest {

  static LocalRegistry registry;
  static SignedImages images;
  static ImageGate gate;

  @BeforeAll
  static void pushImages(@TempDir Path keys) throws Exception {
    registry = LocalRegistry.start("");
    images = SignedImages.push(registry.address(), keys);
    OciClient client = new OciClient(DockerCredentials.NONE, Duration.ofSeconds(5));
    gate =
        new ImageGate(
            () -> new CosignImageVerifier(client, images.trustedKeys()),
            Duration.ofMillis(1500),
            Duration.ofMinutes(5),
            Duration.ofHours(1),
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    if (gate != null) {
      gate.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  static AdmissionJudge judge(ClusterContext context) {
    return new AdmissionJudge(
        AdmissionJudgeTest.setup(Config.DEFAULT),
        context,
        gate,
        AdmissionJudge.Policy.defaults(),
        Clock.systemUTC());
  }

  static Decision admit(ClusterContext context, String image) throws Exception {
    ObjectNode pod = Reviews.yaml(Reviews.HARDENED_POD);
    ((ObjectNode) pod.path("spec").path("containers").get(0)).put("image", image);
    return judge(context).judge(Reviews.parse(Reviews.review("CREATE", pod, null)));
  }

  @Test
  void signedImageIsAdmittedAndItsVerdictCached() throws Exception {
    Decision d = admit(AdmissionJudgeTest.SHOP, images.image("ecdsa", "signed"));
    assertThat(d.message()).isEmpty();
    assertThat(d.allowed()).isTrue();
    assertThat(gate.size()).isPositive();
    long started = System.nanoTime();
    assertThat(admit(AdmissionJudgeTest.SHOP, images.image("ecdsa", "signed")).allowed()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
  }

  @Test
  void unsignedAndWronglySignedImagesAreDeniedNamingTheImage() throws Exception {
    String unsigned = images.image("ecdsa", "unsigned");
    Decision d = admit(AdmissionJudgeTest.SHOP, unsigned);
    assertThat(d.allowed()).isFalse();
    assertThat(d.message()).contains("image-signature-missing").contains(unsigned);
    Decision wrong = admit(AdmissionJudgeTest.SHOP, images.image("rsa", "wrong-key"));
    assertThat(wrong.allowed()).isFalse();
    assertThat(wrong.message()).contains("image-signature-invalid");
  }

  @Test
  void unreachableRegistryFailsClosedUnlessTheNamespaceSaysOpen() throws Exception {
    int port = LocalRegistry.freePort();
    String image = "127.0.0.1:" + port + "/app/web:1";
    Decision closed = admit(AdmissionJudgeTest.SHOP, image);
    assertThat(closed.allowed()).isFalse();
    assertThat(closed.message())
        .contains(image)
        .contains("signature not verified")
        .contains("fail-closed");

    FakeContext open = FakeContext.namespace("shop", "kube4c.dev/image-verification: fail-open");
    Decision allowed = admit(open, "127.0.0.1:" + port + "/app/other:1");
    assertThat(allowed.allowed()).isTrue();
    assertThat(allowed.warnings()).anyMatch(w -> w.contains("fail-open"));
  }

  @Test
  void aRegistryThatNeverAnswersCostsNoMoreThanTheBudget() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      String image = "127.0.0.1:" + silent.getLocalPort() + "/app/slow:1";
      long started = System.nanoTime();
      Decision d = admit(AdmissionJudgeTest.SHOP, image);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(took).isLessThan(Duration.ofMillis(3000));
      assertThat(d.allowed()).isFalse();
      assertThat(d.message()).contains("not verified within the 1500 ms budget");
    }
  }
}
