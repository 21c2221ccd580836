package dev.kube4c.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kube4c.config.Config;
import dev.kube4c.images.CosignImageVerifier;
import dev.kube4c.images.DockerCredentials;
import dev.kube4c.images.LocalRegistry;
import dev.kube4c.images.OciClient;
import dev.kube4c.images.SignedImages;
import dev.kube4c.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kube4c serve registered with a real kube-apiserver as a validating webhook: the API server sends
 * its own AdmissionReviews over TLS (checked against the caBundle), enforces kube4c's denial with
 * kube4c's message, admits what kube4c allows, passes warn mode's warnings to the client, enforces
 * image signatures checked against a real registry, and applies the failure policy once kube4c is
 * stopped.
 */
class RealApiServerWebhookTest {

  @TempDir Path dir;

  @Test
  void theApiServerAsksKube4cAndEnforcesItsAnswer() throws Exception {
    Path binaries = RealApiServer.binariesOrSkip("RealApiServerWebhookTest");
    TestTls tls = TestTls.create(dir, "webhook");
    try (LocalRegistry registry = LocalRegistry.start("");
        RealApiServer server = RealApiServer.start(binaries);
        KubernetesClient admin = server.client(RealApiServer.ADMIN_TOKEN)) {
      for (String[] namespace : new String[][] {{"shop", "enforce"}, {"dev", "warn"}}) {
        admin
            .resource(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(namespace[0])
                    .addToLabels("kube4c.dev/mode", namespace[1])
                    .endMetadata()
                    .build())
            .create();
        // No controller manager runs here to make the namespace's default ServiceAccount.
        admin
            .resource(
                new ServiceAccountBuilder()
                    .withNewMetadata()
                    .withName("default")
                    .withNamespace(namespace[0])
                    .endMetadata()
                    .build())
            .create();
      }
      // The webhook's context comes from informers on this API server, as in a cluster.
      try (InformerContext context = InformerContext.start(admin, 10_000)) {
        long synced = System.nanoTime() + 20_000_000_000L;
        while (!context.ready() && System.nanoTime() < synced) {
          Thread.sleep(100);
        }
        assertThat(context.missingKinds()).isEmpty();
        assertThat(context.namespace("shop")).isPresent();
        SignedImages images =
            SignedImages.push(registry.address(), Files.createDirectories(dir.resolve("keys")));
        String signed = images.image("ecdsa", "signed");
        ImageGate gate =
            new ImageGate(
                () ->
                    new CosignImageVerifier(
                        new OciClient(DockerCredentials.NONE, Duration.ofSeconds(5)),
                        images.trustedKeys()),
                Duration.ofMillis(1500),
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                Clock.systemUTC());
        WebhookServer webhook =
            WebhookServerTest.start(
                tls,
                new AdmissionJudge(
                    AdmissionJudgeTest.setup(Config.DEFAULT),
                    context,
                    gate,
                    AdmissionJudge.Policy.defaults(),
                    Clock.systemUTC()),
                context);
        boolean stopped = false;
        try {
          admin
              .resource(webhookConfiguration(WebhookServerTest.port, Files.readString(tls.cert())))
              .create();
          String placeholder = "registry.example/web@sha256:" + "a".repeat(64);
          HasMetadata privileged = pod(Reviews.PRIVILEGED_POD.replace(placeholder, signed));
          HasMetadata hardened = pod(Reviews.HARDENED_POD.replace(placeholder, signed));

          // The API server picks the configuration up from its informer: until then it admits.
          String denial = awaitDenial(admin, privileged, Duration.ofSeconds(20));

          assertThat(denial)
              .contains("admission webhook \"validate.kube4c.dev\" denied the request")
              .contains("kube4c denied Pod/shop/web")
              .contains("container-privileged (critical)");
          admin.resource(hardened).dryRun().create(); // admitted: no exception
          assertThatThrownBy(() -> admin.resource(privileged).create())
              .isInstanceOf(KubernetesClientException.class)
              .hasMessageContaining("kube4c denied");
          assertThat(admin.pods().inNamespace("shop").list().getItems()).isEmpty();
          // dev is labelled warn (read through the informers): the same pod is let in there,
          // and the client is shown kube4c's warning.
          HasMetadata inDev = pod(Serialization.asYaml(privileged).replace("shop", "dev"));
          HttpResponse<String> warned =
              server.post(
                  RealApiServer.ADMIN_TOKEN,
                  "/api/v1/namespaces/dev/pods?dryRun=All",
                  Serialization.asJson(inDev));
          assertThat(warned.statusCode()).isEqualTo(201);
          assertThat(String.join("\n", warned.headers().allValues("Warning")))
              .contains("container-privileged");

          // The signed image above was admitted; the same pod with an unsigned image is not.
          HasMetadata unsigned =
              pod(Reviews.HARDENED_POD.replace(placeholder, images.image("ecdsa", "unsigned")));
          assertThatThrownBy(() -> admin.resource(unsigned).dryRun().create())
              .isInstanceOf(KubernetesClientException.class)
              .hasMessageContaining("image-signature-missing")
              .hasMessageContaining(images.image("ecdsa", "unsigned"));

          // kube4c stopped: failurePolicy Fail refuses the request, Ignore lets it through.
          webhook.stop(Duration.ofSeconds(2));
          stopped = true;
          assertThatThrownBy(() -> admin.resource(hardened).dryRun().create())
              .isInstanceOf(KubernetesClientException.class)
              .hasMessageContaining("failed calling webhook");
          admin
              .admissionRegistration()
              .v1()
              .validatingWebhookConfigurations()
              .withName("kube4c")
              .edit(
                  c -> {
                    c.getWebhooks().get(0).setFailurePolicy("Ignore");
                    return c;
                  });
          awaitAdmitted(admin, hardened, Duration.ofSeconds(20));
        } finally {
          if (!stopped) {
            webhook.stop(Duration.ofSeconds(2));
          }
          gate.close();
        }
      }
    }
  }

  private static String awaitDenial(KubernetesClient admin, HasMetadata pod, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        admin.resource(pod).dryRun().create();
      } catch (KubernetesClientException e) {
        return e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the API server never called the webhook within " + timeout);
  }

  /** The API server picks up a changed configuration from its informer, a moment later. */
  private static void awaitAdmitted(KubernetesClient admin, HasMetadata pod, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    KubernetesClientException last = null;
    while (System.nanoTime() < deadline) {
      try {
        admin.resource(pod).dryRun().create();
        return;
      } catch (KubernetesClientException e) {
        last = e;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("still refused after " + timeout, last);
  }

  private static HasMetadata pod(String yaml) {
    return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), HasMetadata.class);
  }

  private static ValidatingWebhookConfiguration webhookConfiguration(int port, String caPem) {
    return new ValidatingWebhookConfigurationBuilder()
        .withNewMetadata()
        .withName("kube4c")
        .endMetadata()
        .addNewWebhook()
        .withName("validate.kube4c.dev")
        .withAdmissionReviewVersions("v1")
        .withSideEffects("None")
        .withFailurePolicy("Fail")
        .withTimeoutSeconds(5)
        .withNewClientConfig()
        .withUrl("https://127.0.0.1:" + port + "/validate")
        .withCaBundle(Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)))
        .endClientConfig()
        .addNewRule()
        .withApiGroups("")
        .withApiVersions("v1")
        .withOperations("CREATE", "UPDATE")
        .withResources("pods")
        .withScope("Namespaced")
        .endRule()
        .withNewNamespaceSelector()
        .addNewMatchExpression()
        .withKey("kubernetes.io/metadata.name")
        .withOperator("In")
        .withValues("shop", "dev")
        .endMatchExpression()
        .endNamespaceSelector()
        .endWebhook()
        .build();
  }
}
