package dev.kube4c.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 64 parallel HTTPS clients, each alternating denied and allowed pods, for {@code
 * -Dkube4c.serve.concurrencySeconds} (default 5 s in CI; 30 s was run by hand, see
 * docs/admission.md): no error, and every answer is the right one for its own request.
 */
class WebhookConcurrencyTest {

  @Test
  void sixtyFourClientsGetTheirOwnCorrectAnswers(@TempDir Path dir) throws Exception {
    long seconds = Long.getLong("kube4c.serve.concurrencySeconds", 5);
    TestTls tls = TestTls.create(dir, "load");
    ClusterContext context = AdmissionJudgeTest.SHOP;
    WebhookServer server =
        new WebhookServer(
            AdmissionJudgeTest.judge(context),
            context,
            new WebhookMetrics(context::size, () -> 0),
            AccessLog.off(),
            new WebhookServer.Options(
                "127.0.0.1",
                0,
                tls.cert(),
                tls.key(),
                Duration.ofSeconds(10),
                WebhookServer.Options.MAX_BODY,
                16));
    int port = server.start();
    ExecutorService clients = Executors.newFixedThreadPool(64);
    AtomicInteger answers = new AtomicInteger();
    try {
      // Warm up (class loading, JIT) so the timed phase measures the server, not a cold start.
      HttpClient warm = HttpClient.newBuilder().sslContext(tls.trusting()).build();
      for (int i = 0; i < 50; i++) {
        warm.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/validate"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        Reviews.review("CREATE", Reviews.yaml(Reviews.PRIVILEGED_POD), null)
                            .toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
      }
      long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      List<Future<Integer>> done = new ArrayList<>();
      for (int c = 0; c < 64; c++) {
        int id = c;
        done.add(
            clients.submit(
                () -> {
                  HttpClient client = HttpClient.newBuilder().sslContext(tls.trusting()).build();
                  int wrong = 0;
                  for (int i = 0; System.nanoTime() < end; i++) {
                    boolean privileged = (i + id) % 2 == 0;
                    ObjectNode review =
                        Reviews.review(
                            "CREATE",
                            Reviews.yaml(
                                privileged ? Reviews.PRIVILEGED_POD : Reviews.HARDENED_POD),
                            null);
                    HttpResponse<String> response =
                        client.send(
                            HttpRequest.newBuilder(
                                    URI.create("https://127.0.0.1:" + port + "/validate"))
                                .timeout(Duration.ofSeconds(10))
                                .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                        review.toString(), StandardCharsets.UTF_8))
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    JsonNode answer = Reviews.JSON.readTree(response.body()).path("response");
                    boolean right =
                        response.statusCode() == 200
                            && answer
                                .path("uid")
                                .asText()
                                .equals(review.path("request").path("uid").asText())
                            && answer.path("allowed").asBoolean() == !privileged;
                    wrong += right ? 0 : 1;
                    answers.incrementAndGet();
                  }
                  return wrong;
                }));
      }
      int wrong = 0;
      for (Future<Integer> f : done) {
        wrong += f.get();
      }
      assertThat(wrong).as("wrong answers out of " + answers.get()).isZero();
      assertThat(answers.get()).isGreaterThan(64 * 3);
      System.out.printf(
          "concurrency: 64 clients, %d s, %d answers, 0 errors%n", seconds, answers.get());
    } finally {
      clients.shutdownNow();
      server.stop(Duration.ofSeconds(2));
    }
  }
}
