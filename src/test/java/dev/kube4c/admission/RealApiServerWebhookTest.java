package dev.kube4c.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kube4c.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kube4c serve registered with a real kube-apiserver as a validating webhook: the API server sends
 * its own AdmissionReviews over TLS (checked against the caBundle), enforces kube4c's denial with
 * kube4c's message, and admits what kube4c allows.
 */
class RealApiServerWebhookTest {

  @TempDir Path dir;

  @Test
  void theApiServerAsksKube4cAndEnforcesItsAnswer() throws Exception {
    Path binaries = RealApiServer.binariesOrSkip("RealApiServerWebhookTest");
    TestTls tls = TestTls.create(dir, "webhook");
    try (RealApiServer server = RealApiServer.start(binaries);
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
        WebhookServer webhook =
            WebhookServerTest.start(tls, AdmissionJudgeTest.judge(context), context);
        try {
          admin
              .resource(webhookConfiguration(WebhookServerTest.port, Files.readString(tls.cert())))
              .create();
          HasMetadata privileged = pod(Reviews.PRIVILEGED_POD);
          HasMetadata hardened = pod(Reviews.HARDENED_POD);

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
          // dev is labelled warn (read through the informers): the same pod is let in there.
          HasMetadata inDev =
              pod(Reviews.PRIVILEGED_POD.replace("namespace: shop", "namespace: dev"));
          admin.resource(inDev).dryRun().create();
        } finally {
          webhook.stop(Duration.ofSeconds(2));
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
