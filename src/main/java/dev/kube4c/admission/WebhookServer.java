package dev.kube4c.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code kube4c serve}'s HTTPS endpoint (Vert.x core): {@code POST /validate} answers
 * AdmissionReview v1 requests through the {@link AdmissionJudge} on worker threads; {@code
 * /healthz}, {@code /readyz} and {@code /metrics} are for the kubelet and Prometheus. TLS 1.2 and
 * 1.3 only; the certificate and key are read again when either file changes (cert-manager rotates
 * them in place). A body that is not an AdmissionReview gets HTTP 400 with a reason, never a 500.
 */
public final class WebhookServer implements AutoCloseable {

  static final Set<String> TLS_VERSIONS = Set.of("TLSv1.2", "TLSv1.3");

  /**
   * Where to listen and with what.
   *
   * @param maxBody largest body accepted (the API server's objects are at most 3 MiB, and an UPDATE
   *     carries two)
   */
  public record Options(
      String host,
      int port,
      Path certFile,
      Path keyFile,
      Duration reloadEvery,
      int maxBody,
      int workers) {
    public static final int MAX_BODY = 8 * 1024 * 1024;
  }

  private final AdmissionJudge judge;
  private final ClusterContext context;
  private final WebhookMetrics metrics;
  private final AccessLog log;
  private final Options options;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private Vertx vertx;
  private HttpServer server;
  private volatile String certStamp;

  public WebhookServer(
      AdmissionJudge judge,
      ClusterContext context,
      WebhookMetrics metrics,
      AccessLog log,
      Options options) {
    this.judge = judge;
    this.context = context;
    this.metrics = metrics;
    this.log = log;
    this.options = options;
  }

  /**
   * Starts listening; returns the port (useful with port 0).
   *
   * @throws IOException when the certificate or key cannot be read or the port cannot be bound
   */
  public int start() throws IOException {
    certStamp = stamp();
    PemKeyCertOptions keyCert = readKeyCert();
    vertx =
        Vertx.vertx(
            new VertxOptions()
                .setWorkerPoolSize(options.workers())
                .setEventLoopPoolSize(Math.max(1, Runtime.getRuntime().availableProcessors())));
    HttpServerOptions serverOptions =
        new HttpServerOptions()
            .setHost(options.host())
            .setPort(options.port())
            .setSsl(true)
            .setKeyCertOptions(keyCert)
            .setEnabledSecureTransportProtocols(TLS_VERSIONS)
            .setMaxInitialLineLength(8192)
            .setIdleTimeout(120)
            .setIdleTimeoutUnit(TimeUnit.SECONDS);
    server = vertx.createHttpServer(serverOptions).requestHandler(this::route);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      vertx.close();
      String why = e.getCause() == null ? "" : e.getCause().getMessage();
      throw new IOException(
          "cannot listen on "
              + options.host()
              + ":"
              + options.port()
              + " with this certificate and key: "
              + why,
          e);
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      vertx.close();
      throw new IOException("cannot listen on " + options.host() + ":" + options.port(), e);
    }
    long every = Math.max(100, options.reloadEvery().toMillis());
    vertx.setPeriodic(every, every, id -> reloadIfChanged());
    log.event("listening on https://" + options.host() + ":" + server.actualPort());
    return server.actualPort();
  }

  private void route(HttpServerRequest request) {
    switch (request.path()) {
      case "/validate" -> validate(request);
      case "/healthz" -> text(request, 200, "ok\n");
      case "/readyz" ->
          text(
              request,
              !stopping.get() && context.ready() ? 200 : 503,
              stopping.get()
                  ? "shutting down\n"
                  : context.ready()
                      ? "ready\n"
                      : "context cache not synced: "
                          + String.join(", ", new java.util.TreeSet<>(context.missingKinds()))
                          + "\n");
      case "/metrics" ->
          request
              .response()
              .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
              .end(metrics.scrape());
      default -> text(request, 404, "not found; kube4c serves POST /validate\n");
    }
  }

  private void validate(HttpServerRequest request) {
    long started = System.nanoTime();
    if (request.method() != HttpMethod.POST) {
      text(request, 405, "use POST with an AdmissionReview body\n");
      return;
    }
    String length = request.getHeader("content-length");
    if (length != null
        && length.matches("\\d{1,18}")
        && Long.parseLong(length) > options.maxBody()) {
      tooLarge(request, started);
      return;
    }
    Buffer body = Buffer.buffer();
    AtomicBoolean refused = new AtomicBoolean();
    request.handler(
        chunk -> {
          if (refused.get()) {
            return;
          }
          if (body.length() + chunk.length() > options.maxBody()) {
            refused.set(true);
            tooLarge(request, started);
          } else {
            body.appendBuffer(chunk);
          }
        });
    request.exceptionHandler(e -> refused.set(true));
    request.endHandler(
        end -> {
          if (refused.get()) {
            return;
          }
          Future<Answer> answer = vertx.executeBlocking(() -> answer(body.getBytes()), false);
          answer.onComplete(
              done -> {
                Answer a = done.succeeded() ? done.result() : Answer.internal();
                long took = System.nanoTime() - started;
                if (a.status() == 200) {
                  request.response().putHeader("content-type", "application/json").end(a.body());
                } else {
                  text(request, a.status(), a.body() + "\n");
                  metrics.rejected("bad-request");
                  log.rejected(a.status(), a.body(), took);
                }
              });
        });
  }

  /** The HTTP status and body for one request body; runs on a worker thread. */
  private record Answer(int status, String body) {
    static Answer internal() {
      return new Answer(400, "kube4c could not answer this request; see the server log");
    }
  }

  private Answer answer(byte[] body) {
    long started = System.nanoTime();
    AdmissionRequest request;
    try {
      request = AdmissionRequest.parse(json, body);
    } catch (AdmissionRequest.NotAReview e) {
      return new Answer(400, "not an AdmissionReview: " + e.getMessage());
    }
    Decision decision;
    try {
      decision = judge.judge(request);
    } catch (RuntimeException e) {
      // A defect of kube4c, not of the request: answered as a refusal the API server can show,
      // with the failure policy deciding nothing (the answer is well formed).
      log.event("internal error judging " + request.uid() + ": " + e);
      decision = Decision.invalid("kube4c: internal error while judging this request");
    }
    long took = System.nanoTime() - started;
    metrics.record(decision, took);
    log.judged(request, decision, took);
    return new Answer(200, decision.toReview(json, request.uid()).toString());
  }

  private void tooLarge(HttpServerRequest request, long started) {
    String reason = "the body is larger than " + options.maxBody() + " bytes";
    metrics.rejected("too-large");
    log.rejected(413, reason, System.nanoTime() - started);
    request.response().setStatusCode(413).putHeader("connection", "close").end(reason + "\n");
  }

  private static void text(HttpServerRequest request, int status, String body) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("content-type", "text/plain; charset=utf-8")
        .end(body);
  }

  private PemKeyCertOptions readKeyCert() throws IOException {
    byte[] cert = Files.readAllBytes(options.certFile());
    byte[] key = Files.readAllBytes(options.keyFile());
    return new PemKeyCertOptions()
        .setCertValue(Buffer.buffer(cert))
        .setKeyValue(Buffer.buffer(key));
  }

  /** Modification times and sizes of both files: a rotation changes at least one. */
  private String stamp() throws IOException {
    return Files.getLastModifiedTime(options.certFile())
        + "/"
        + Files.size(options.certFile())
        + "/"
        + Files.getLastModifiedTime(options.keyFile())
        + "/"
        + Files.size(options.keyFile());
  }

  private void reloadIfChanged() {
    vertx
        .executeBlocking(
            () -> {
              String now = stamp();
              if (now.equals(certStamp)) {
                return false;
              }
              PemKeyCertOptions keyCert = readKeyCert();
              server
                  .updateSSLOptions(
                      new ServerSSLOptions()
                          .setKeyCertOptions(keyCert)
                          .setEnabledSecureTransportProtocols(TLS_VERSIONS),
                      true)
                  .onComplete(
                      r -> {
                        if (r.succeeded()) {
                          certStamp = now; // a half-written pair fails and is tried again next tick
                          log.event("certificate reloaded from " + options.certFile());
                        } else {
                          log.event(
                              "certificate reload failed, keeping the old one: "
                                  + r.cause().getMessage());
                        }
                      });
              return true;
            },
            false)
        .onFailure(e -> log.event("certificate not reloaded yet: " + e.getMessage()));
  }

  /** Stops taking new connections, lets in-flight requests finish within {@code grace}. */
  public void stop(Duration grace) {
    if (!stopping.compareAndSet(false, true) || vertx == null) {
      return;
    }
    try {
      server
          .shutdown(grace)
          .toCompletionStage()
          .toCompletableFuture()
          .get(grace.toMillis() + 5000, TimeUnit.MILLISECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.event("shutdown did not complete cleanly: " + e);
    }
  }

  public boolean ready() {
    return !stopping.get() && context.ready();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }
}
