package dev.kube4c.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The context cache through fabric8 informers against the mock API server in CRUD mode: ready once
 * synced, namespace labels choose the mode, and a change made after the sync is seen (WATCH).
 */
@EnableKubernetesMockClient(crud = true)
class InformerContextTest {

  /** The mock server logs every request at INFO; held here so the level sticks. */
  private static final java.util.logging.Logger SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  /** The fabric8 client's Vert.x logs evicted keep-alive connections of the mock server. */
  private static final java.util.logging.Logger VERTX_LOG =
      java.util.logging.Logger.getLogger("io.vertx");

  static {
    SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    VERTX_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  KubernetesClient client;

  @Test
  void namespaceLabelsAndServiceAccountsComeFromTheWatchedCluster() throws Exception {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("shop")
                .addToLabels("kube4c.dev/mode", "warn")
                .endMetadata()
                .build())
        .create();
    client
        .serviceAccounts()
        .inNamespace("shop")
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("default")
                .withNamespace("shop")
                .endMetadata()
                .withAutomountServiceAccountToken(false)
                .build())
        .create();
    try (InformerContext context = InformerContext.start(client, 1000)) {
      await(context::ready);
      assertThat(context.missingKinds()).isEmpty();
      assertThat(context.size()).isEqualTo(2);
      AdmissionJudge judge = AdmissionJudgeTest.judge(context);
      Decision warned =
          judge.judge(
              Reviews.parse(Reviews.review("CREATE", Reviews.yaml(Reviews.PRIVILEGED_POD), null)));
      assertThat(warned.allowed()).isTrue();
      assertThat(warned.outcome()).isEqualTo("warned");
      assertThat(warned.warnings()).noneMatch(w -> w.contains("context not loaded"));

      await(context::watching);
      client
          .namespaces()
          .withName("shop")
          .edit(
              ns ->
                  new NamespaceBuilder(ns)
                      .editMetadata()
                      .addToLabels("kube4c.dev/mode", "enforce")
                      .endMetadata()
                      .build());
      await(
          () ->
              "enforce"
                  .equals(
                      context
                          .namespace("shop")
                          .map(n -> n.labels().get("kube4c.dev/mode"))
                          .orElse("")));
      Decision denied =
          judge.judge(
              Reviews.parse(Reviews.review("CREATE", Reviews.yaml(Reviews.PRIVILEGED_POD), null)));
      assertThat(denied.allowed()).isFalse();
    }
  }

  @Test
  void overTheLimitAKindCountsAsNotLoaded() throws Exception {
    for (String name : new String[] {"a", "b", "c"}) {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
          .create();
    }
    try (InformerContext context = InformerContext.start(client, 2)) {
      // Every kind listed, so Namespace is missing for the limit, not for a sync still under way.
      await(context::watching);
      assertThat(context.missingKinds()).containsExactly("Namespace");
      assertThat(context.size()).isEqualTo(2);
      assertThat(context.ready()).isFalse();

      // The namespaces that fit stay current through the WATCH. Waiting for this change also waits
      // out the mock server's replay of the namespaces to the new watch (it sends each stored
      // object as ADDED when a watch opens, in order, on the watch's own thread): closing the watch
      // while that replay is being written deadlocks the mock server, whose close then times out.
      String loaded =
          java.util.stream.Stream.of("a", "b", "c")
              .filter(name -> context.namespace(name).isPresent())
              .findFirst()
              .orElseThrow();
      client
          .namespaces()
          .withName(loaded)
          .edit(
              ns ->
                  new NamespaceBuilder(ns)
                      .editMetadata()
                      .addToLabels("kube4c.dev/mode", "warn")
                      .endMetadata()
                      .build());
      await(
          () ->
              "warn"
                  .equals(
                      context
                          .namespace(loaded)
                          .map(n -> n.labels().get("kube4c.dev/mode"))
                          .orElse("")));
      assertThat(context.missingKinds()).containsExactly("Namespace");
      assertThat(context.size()).isEqualTo(2);
    }
  }

  static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met in 20 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
