package dev.kube4c.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook over real HTTPS on loopback, with AdmissionReview bodies in the API server's format:
 * every body gets a well-formed AdmissionReview or an HTTP 400/413 with a reason, never a 500 or a
 * stack trace; plain HTTP is refused; the certificate is reloaded when its files change.
 */
class WebhookServerTest {

  @TempDir static Path dir;
  static TestTls tls;
  static WebhookServer server;
  static HttpClient client;
  static String base;
  static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

  @BeforeAll
  static void start() throws Exception {
    tls = TestTls.create(dir, "webhook");
    server = start(tls, AdmissionJudgeTest.judge(AdmissionJudgeTest.SHOP), AdmissionJudgeTest.SHOP);
    base = "https://127.0.0.1:" + port;
    client =
        HttpClient.newBuilder()
            .sslContext(tls.trusting())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  static int port;

  static WebhookServer start(TestTls tls, AdmissionJudge judge, ClusterContext context)
      throws IOException {
    WebhookServer s =
        new WebhookServer(
            judge,
            context,
            new WebhookMetrics(context::size, () -> 0),
            new AccessLog(
                Reviews.JSON,
                new PrintStream(LOG, true, StandardCharsets.UTF_8),
                Clock.systemUTC()),
            new WebhookServer.Options(
                "127.0.0.1",
                0,
                tls.cert(),
                tls.key(),
                Duration.ofMillis(200),
                WebhookServer.Options.MAX_BODY,
                8));
    port = s.start();
    return s;
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(Duration.ofSeconds(2));
    }
  }

  static HttpResponse<String> post(String path, byte[] body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("content-type", "application/json")
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode review(ObjectNode review) throws Exception {
    HttpResponse<String> response =
        post("/validate", review.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode answer = Reviews.JSON.readTree(response.body());
    assertThat(answer.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(answer.path("kind").asText()).isEqualTo("AdmissionReview");
    assertThat(answer.path("response").path("uid").asText())
        .isEqualTo(review.path("request").path("uid").asText());
    return answer.path("response");
  }

  static void assertBadRequest(HttpResponse<String> response, String reason) {
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains(reason)
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void privilegedPodIsDeniedOverHttps() throws Exception {
    JsonNode response =
        review(Reviews.review("CREATE", Reviews.yaml(Reviews.PRIVILEGED_POD), null));
    assertThat(response.path("allowed").asBoolean(true)).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
    assertThat(response.path("status").path("message").asText()).contains("container-privileged");
  }

  @Test
  void createUpdateDeleteAndDryRunGetWellFormedAnswers() throws Exception {
    assertThat(
            review(Reviews.review("CREATE", Reviews.yaml(Reviews.HARDENED_POD), null))
                .path("allowed")
                .asBoolean())
        .isTrue();
    assertThat(
            review(
                    Reviews.review(
                        "UPDATE",
                        Reviews.yaml(Reviews.HARDENED_POD),
                        Reviews.yaml(Reviews.HARDENED_POD)))
                .path("allowed")
                .asBoolean())
        .isTrue();
    assertThat(
            review(Reviews.review("DELETE", null, Reviews.yaml(Reviews.PRIVILEGED_POD)))
                .path("allowed")
                .asBoolean())
        .isTrue();
    ObjectNode dryRun = Reviews.review("CREATE", Reviews.yaml(Reviews.PRIVILEGED_POD), null);
    Reviews.request(dryRun).put("dryRun", true);
    // A server-side dry run shows the same verdict as the real request would get.
    assertThat(review(dryRun).path("allowed").asBoolean(true)).isFalse();
    assertThat(LOG.toString(StandardCharsets.UTF_8)).contains("\"dryRun\":true");
  }

  @Test
  void requestWithoutObjectIsAnsweredWithAReason() throws Exception {
    JsonNode response = review(Reviews.review("CREATE", null, null));
    assertThat(response.path("allowed").asBoolean(true)).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(400);
    assertThat(response.path("status").path("message").asText()).contains("has no object");
  }

  @Test
  void malformedJsonIs400WithLineAndColumn() throws Exception {
    assertBadRequest(
        post(
            "/validate",
            "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": "
                .getBytes(StandardCharsets.UTF_8)),
        "not valid JSON (line 1, column");
    assertBadRequest(
        post("/validate", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}), "not an AdmissionReview");
    assertBadRequest(
        post("/validate", "[1,2]".getBytes(StandardCharsets.UTF_8)), "not a JSON object");
    assertBadRequest(post("/validate", new byte[0]), "not an AdmissionReview");
  }

  @Test
  void wrongApiVersionIs400() throws Exception {
    ObjectNode v1beta1 = Reviews.review("CREATE", Reviews.yaml(Reviews.HARDENED_POD), null);
    v1beta1.put("apiVersion", "admission.k8s.io/v1beta1");
    assertBadRequest(
        post("/validate", v1beta1.toString().getBytes(StandardCharsets.UTF_8)),
        "admissionReviewVersions: [v1]");
    ObjectNode noUid = Reviews.review("CREATE", Reviews.yaml(Reviews.HARDENED_POD), null);
    Reviews.request(noUid).remove("uid");
    assertBadRequest(
        post("/validate", noUid.toString().getBytes(StandardCharsets.UTF_8)),
        "request.uid is missing");
  }

  @Test
  void threeMebibyteObjectIsJudged() throws Exception {
    ObjectNode big = Reviews.yaml(Reviews.PRIVILEGED_POD);
    ObjectNode annotations = ((ObjectNode) big.get("metadata")).putObject("annotations");
    String chunk = "x".repeat(64 * 1024);
    for (int i = 0; i < 48; i++) {
      annotations.put("example.com/blob-" + i, chunk);
    }
    ObjectNode review = Reviews.review("CREATE", big, null);
    assertThat(review.toString().length()).isGreaterThan(3 * 1024 * 1024);
    JsonNode response = review(review);
    assertThat(response.path("allowed").asBoolean(true)).isFalse();
    assertThat(response.path("status").path("message").asText()).contains("container-privileged");
  }

  @Test
  void bodyOverTheLimitIs413() throws Exception {
    byte[] huge = new byte[WebhookServer.Options.MAX_BODY + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    HttpResponse<String> response = post("/validate", huge);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("larger than");
  }

  @Test
  void plainHttpIsRefused() {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(
            () ->
                plain.send(
                    HttpRequest.newBuilder(
                            URI.create(base.replace("https:", "http:") + "/validate"))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void onlyTls12AndUpAreOffered() throws Exception {
    try (SSLSocket socket =
        (SSLSocket) tls.trusting().getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.startHandshake();
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
    }
    try (SSLSocket socket =
        (SSLSocket) tls.trusting().getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.startHandshake();
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }
  }

  @Test
  void healthReadinessMetricsAndMethods() throws Exception {
    review(Reviews.review("CREATE", Reviews.yaml(Reviews.PRIVILEGED_POD), null));
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains(
            "kube4c_admission_decisions_total{mode=\"enforce\",result=\"denied\",rule=\"container-privileged\"}")
        .contains("kube4c_admission_duration_seconds_bucket")
        .contains("kube4c_context_cache_objects");
    assertThat(get("/validate").statusCode()).isEqualTo(405);
    assertThat(get("/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void accessLogHasNoBodies() throws Exception {
    ObjectNode pod = Reviews.yaml(Reviews.PRIVILEGED_POD);
    ((ObjectNode) pod.path("spec").path("containers").get(0))
        .putArray("env")
        .addObject()
        .put("name", "TOKEN")
        .put("value", "ghp_s3cr3tValueThatMustNotBeLogged");
    review(Reviews.review("CREATE", pod, null));
    String log = LOG.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("\"operation\":\"CREATE\"").contains("\"outcome\":\"denied\"");
    assertThat(log).doesNotContain("ghp_s3cr3t").doesNotContain("registry.example/web");
    for (String line : log.split("\n")) {
      Reviews.JSON.readTree(line); // every line is one JSON object
    }
  }

  @Test
  void certificateIsReloadedWhenItsFilesChange() throws Exception {
    TestTls first = TestTls.create(dir, "rotating");
    int main = port;
    WebhookServer rotating =
        start(first, AdmissionJudgeTest.judge(AdmissionJudgeTest.SHOP), AdmissionJudgeTest.SHOP);
    int port = WebhookServerTest.port;
    WebhookServerTest.port = main;
    try {
      assertThat(peer(first, port).getSubjectX500Principal().getName()).isEqualTo("CN=rotating");
      TestTls second = TestTls.create(dir, "rotated");
      second.copyTo(first);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      String seen = "";
      while (System.nanoTime() < deadline && !seen.equals("CN=rotated")) {
        Thread.sleep(100);
        seen = peer(second, port).getSubjectX500Principal().getName();
      }
      assertThat(seen).isEqualTo("CN=rotated");
    } finally {
      rotating.stop(Duration.ofSeconds(1));
    }
  }

  private static java.security.cert.X509Certificate peer(TestTls trusted, int port)
      throws Exception {
    // Trust both certificates for this check: only the subject tells which one is served.
    javax.net.ssl.SSLContext any = javax.net.ssl.SSLContext.getInstance("TLS");
    any.init(null, new javax.net.ssl.TrustManager[] {new TrustAll()}, null);
    try (SSLSocket socket = (SSLSocket) any.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.startHandshake();
      return (java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  /** For reading which certificate the server presents; never used to send anything. */
  private static final class TrustAll implements javax.net.ssl.X509TrustManager {
    @Override
    public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) {}

    @Override
    public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) {}

    @Override
    public java.security.cert.X509Certificate[] getAcceptedIssuers() {
      return new java.security.cert.X509Certificate[0];
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
