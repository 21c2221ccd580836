package dev.kube4c.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The webhook benchmark's driver (not a test), run by bench/webhook-bench.sh.
 *
 * <pre>
 * WebhookBench handler N                       in-handler latency: N judge calls, full catalogue
 * WebhookBench bodies DIR                      writes privileged.json and hardened.json to DIR
 * WebhookBench http URL CA_PEM CLIENTS SECONDS end-to-end over TLS, CLIENTS keep-alive clients
 * </pre>
 *
 * Requests alternate a privileged (denied) and a hardened (allowed) Pod; every answer is checked.
 */
public final class WebhookBench {

  private WebhookBench() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("handler")) {
      handler(Integer.parseInt(args[1]));
    } else if (args[0].equals("bodies")) {
      // For an external load generator (hey): one denied and one allowed AdmissionReview.
      java.nio.file.Path dir = java.nio.file.Path.of(args[1]);
      java.nio.file.Files.write(dir.resolve("privileged.json"), body(true));
      java.nio.file.Files.write(dir.resolve("hardened.json"), body(false));
    } else {
      http(
          args[1],
          java.nio.file.Path.of(args[2]),
          Integer.parseInt(args[3]),
          Integer.parseInt(args[4]));
    }
  }

  private static byte[] body(boolean privileged) {
    return Reviews.review(
            "CREATE",
            Reviews.yaml(privileged ? Reviews.PRIVILEGED_POD : Reviews.HARDENED_POD),
            null)
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void handler(int n) throws Exception {
    AdmissionJudge judge = AdmissionJudgeTest.judge(AdmissionJudgeTest.SHOP);
    byte[][] bodies = {body(true), body(false)};
    for (int i = 0; i < 20_000; i++) {
      judge.judge(AdmissionRequest.parse(Reviews.JSON, bodies[i % 2]));
    }
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      // What the handler does per request: parse the body, judge, write the answer.
      AdmissionRequest r = AdmissionRequest.parse(Reviews.JSON, bodies[i % 2]);
      judge.judge(r).toReview(Reviews.JSON, r.uid()).toString();
      nanos[i] = System.nanoTime() - t;
    }
    print("in-handler", nanos, 0);
  }

  private static void http(String url, java.nio.file.Path ca, int clients, int seconds)
      throws Exception {
    SSLContext tls = trusting(ca);
    byte[][] bodies = {body(true), body(false)};
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    // Warm-up: 5 s at the same concurrency, not measured.
    run(pool, tls, url, bodies, clients, 5);
    long started = System.nanoTime();
    List<long[]> all = run(pool, tls, url, bodies, clients, seconds);
    double took = (System.nanoTime() - started) / 1e9;
    long[] merged = all.stream().flatMapToLong(Arrays::stream).filter(x -> x > 0).toArray();
    print("end-to-end " + clients + " clients", merged, merged.length / took);
    pool.shutdownNow();
  }

  private static List<long[]> run(
      ExecutorService pool, SSLContext tls, String url, byte[][] bodies, int clients, int seconds)
      throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    List<Future<long[]>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int id = c;
      futures.add(
          pool.submit(
              () -> {
                HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
                long[] times = new long[1 << 20];
                int i = 0;
                while (System.nanoTime() < end && i < times.length) {
                  boolean privileged = (i + id) % 2 == 0;
                  long t = System.nanoTime();
                  HttpResponse<byte[]> response =
                      client.send(
                          HttpRequest.newBuilder(URI.create(url))
                              .POST(
                                  HttpRequest.BodyPublishers.ofByteArray(
                                      bodies[privileged ? 0 : 1]))
                              .build(),
                          HttpResponse.BodyHandlers.ofByteArray());
                  times[i++] = System.nanoTime() - t;
                  JsonNode answer = Reviews.JSON.readTree(response.body()).path("response");
                  if (response.statusCode() != 200
                      || answer.path("allowed").asBoolean() == privileged) {
                    throw new IllegalStateException("wrong answer: " + response.statusCode());
                  }
                }
                return Arrays.copyOf(times, i);
              }));
    }
    List<long[]> out = new ArrayList<>();
    for (Future<long[]> f : futures) {
      out.add(f.get());
    }
    return out;
  }

  private static void print(String what, long[] nanos, double perSecond) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%s: n=%d p50=%.3f ms p99=%.3f ms p99.9=%.3f ms max=%.3f ms%s%n",
        what,
        sorted.length,
        at(sorted, 0.50),
        at(sorted, 0.99),
        at(sorted, 0.999),
        sorted[sorted.length - 1] / 1e6,
        perSecond > 0 ? String.format(Locale.ROOT, " throughput=%.0f req/s", perSecond) : "");
  }

  private static double at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  private static SSLContext trusting(java.nio.file.Path ca) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = java.nio.file.Files.newInputStream(ca)) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, f.getTrustManagers(), null);
    return context;
  }
}
