package dev.kube4c.testing;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A real kube-apiserver with its etcd on loopback, built by {@code .ci/install-apiserver.sh} into
 * /var/cache/kube4c/apiserver (or {@code KUBE4C_APISERVER_DIR}). Users come from a static token
 * file: {@code admin} (system:masters) and {@code alice} (group dev). Authorization is RBAC.
 */
public final class RealApiServer implements AutoCloseable {

  public static final String ADMIN_TOKEN = "admin-token";
  public static final String ALICE_TOKEN = "alice-token";

  private final Path work;
  private final Process etcd;
  private final Process apiServer;
  private final String url;

  private RealApiServer(Path work, Process etcd, Process apiServer, String url) {
    this.work = work;
    this.etcd = etcd;
    this.apiServer = apiServer;
    this.url = url;
  }

  /** The folder with kube-apiserver and etcd, when they are installed. */
  public static Optional<Path> binaries() {
    Path dir =
        Path.of(
            System.getenv().getOrDefault("KUBE4C_APISERVER_DIR", "/var/cache/kube4c/apiserver"));
    return Files.isExecutable(dir.resolve("kube-apiserver"))
            && Files.isExecutable(dir.resolve("etcd"))
        ? Optional.of(dir)
        : Optional.empty();
  }

  /**
   * The binaries, or the test is skipped with a message on stderr saying how to install them (CI's
   * .ci/install-apiserver.sh does).
   */
  public static Path binariesOrSkip(String test) {
    Optional<Path> found = binaries();
    if (found.isEmpty()) {
      System.err.println(
          test
              + " skipped: no kube-apiserver/etcd in /var/cache/kube4c/apiserver"
              + " (run .ci/install-apiserver.sh)");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(found.isPresent(), "kube-apiserver not installed");
    return found.get();
  }

  public static RealApiServer start(Path binaries) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("kube4c-apiserver-");
    int etcdPort = freePort();
    int peerPort = freePort();
    int port = freePort();
    KeyPair serviceAccountKeys = rsaKeys();
    Files.writeString(
        work.resolve("sa.key"), pem("PRIVATE KEY", serviceAccountKeys.getPrivate().getEncoded()));
    Files.writeString(
        work.resolve("sa.pub"), pem("PUBLIC KEY", serviceAccountKeys.getPublic().getEncoded()));
    Files.writeString(
        work.resolve("tokens.csv"),
        ADMIN_TOKEN + ",admin,admin,\"system:masters\"\n" + ALICE_TOKEN + ",alice,alice,dev\n");
    Process etcd =
        process(
            work.resolve("etcd.log"),
            binaries.resolve("etcd").toString(),
            "--data-dir=" + work.resolve("etcd-data"),
            "--listen-client-urls=http://127.0.0.1:" + etcdPort,
            "--advertise-client-urls=http://127.0.0.1:" + etcdPort,
            "--listen-peer-urls=http://127.0.0.1:" + peerPort,
            "--initial-advertise-peer-urls=http://127.0.0.1:" + peerPort,
            "--initial-cluster=default=http://127.0.0.1:" + peerPort);
    Process apiServer =
        process(
            work.resolve("kube-apiserver.log"),
            binaries.resolve("kube-apiserver").toString(),
            "--etcd-servers=http://127.0.0.1:" + etcdPort,
            "--secure-port=" + port,
            "--bind-address=127.0.0.1",
            "--advertise-address=127.0.0.1",
            "--cert-dir=" + work.resolve("certs"),
            "--token-auth-file=" + work.resolve("tokens.csv"),
            "--authorization-mode=RBAC",
            "--allow-privileged=true", // as clusters run it, so that policies decide
            "--service-account-issuer=https://kubernetes.default.svc",
            "--service-account-key-file=" + work.resolve("sa.pub"),
            "--service-account-signing-key-file=" + work.resolve("sa.key"),
            "--service-cluster-ip-range=10.0.0.0/24");
    RealApiServer server = new RealApiServer(work, etcd, apiServer, "https://127.0.0.1:" + port);
    try {
      server.awaitReady(Duration.ofSeconds(60));
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** A client that authenticates with {@code token} and trusts the server's own certificate. */
  public KubernetesClient client(String token) {
    Config config =
        new ConfigBuilder()
            .withMasterUrl(url)
            .withOauthToken(token)
            .withTrustCerts(true)
            .withRequestRetryBackoffLimit(0)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * A POST of a JSON body as {@code token}, for what fabric8 does not show (the API server's {@code
   * Warning} headers).
   */
  public HttpResponse<String> post(String token, String path, String json)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().sslContext(trustAll()).build();
    return http.send(
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().sslContext(trustAll()).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!apiServer.isAlive() || !etcd.isAlive()) {
        throw new IOException("kube-apiserver or etcd exited; see " + work);
      }
      try {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/readyz"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IOException("kube-apiserver not ready within " + timeout + "; see " + work);
  }

  @Override
  public void close() {
    for (Process process : List.of(apiServer, etcd)) {
      process.destroy();
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    try (var files = Files.walk(work)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }

  private static Process process(Path log, String... command) throws IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static KeyPair rsaKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has RSA
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** The server's certificate is self-signed, made at start; this is loopback only. */
  private static SSLContext trustAll() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          null,
          new TrustManager[] {
            new X509TrustManager() {
              @Override
              public void checkClientTrusted(X509Certificate[] chain, String authType) {}

              @Override
              public void checkServerTrusted(X509Certificate[] chain, String authType) {}

              @Override
              public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
              }
            }
          },
          new SecureRandom());
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
