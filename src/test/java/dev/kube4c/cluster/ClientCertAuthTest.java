package dev.kube4c.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.kube4c.cli.Main;
import dev.kube4c.config.Config;
import dev.kube4c.engine.Pipeline;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.testing.Fixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kube4c scan --cluster with kubeconfig client certificates (client-certificate-data /
 * client-key-data) against a real HTTPS server that requires a client certificate signed by its CA
 * (mutual TLS, as kubeadm and kind clusters authenticate their admin user), and with the in-cluster
 * ServiceAccount (token and CA certificate mounted in the pod).
 */
class ClientCertAuthTest {

  private static final String CLIENT_SUBJECT = "CN=kube4c-admin,O=system:masters";
  private static final String STRANGER_SUBJECT = "CN=stranger";
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private static KeyPair caKeys;
  private static X509Certificate ca;
  private static KeyPair serverKeys;
  private static X509Certificate serverCert;
  private static KeyPair clientKeys;
  private static X509Certificate clientCert;
  private static KeyPair strangerKeys;
  private static X509Certificate strangerCert;

  @TempDir Path dir;
  private HttpsServer server;
  private ExecutorService executor;
  private String url;

  /** The client certificate subject of every request, in order; "none" when none was presented. */
  private final List<String> peers = new CopyOnWriteArrayList<>();

  private final List<String> paths = new CopyOnWriteArrayList<>();

  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void certificates() throws Exception {
    caKeys = rsa();
    ca =
        sign(
            "CN=kube4c-test-ca",
            caKeys,
            "CN=kube4c-test-ca",
            caKeys.getPrivate(),
            b -> {
              b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
              b.addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            });
    serverKeys = rsa();
    serverCert =
        sign(
            "CN=kube-apiserver",
            serverKeys,
            "CN=kube4c-test-ca",
            caKeys.getPrivate(),
            b -> {
              b.addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(
                      new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost")
                      }));
              b.addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            });
    clientKeys = rsa();
    clientCert =
        sign(
            CLIENT_SUBJECT,
            clientKeys,
            "CN=kube4c-test-ca",
            caKeys.getPrivate(),
            b ->
                b.addExtension(
                    Extension.extendedKeyUsage,
                    false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)));
    strangerKeys = rsa();
    strangerCert =
        sign(
            STRANGER_SUBJECT,
            strangerKeys,
            STRANGER_SUBJECT,
            strangerKeys.getPrivate(),
            b ->
                b.addExtension(
                    Extension.extendedKeyUsage,
                    false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)));
  }

  private interface Extensions {
    void add(X509v3CertificateBuilder builder) throws IOException;
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(
      String subject, KeyPair keys, String issuer, PrivateKey issuerKey, Extensions extensions)
      throws Exception {
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer),
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            new X500Name(subject),
            keys.getPublic());
    extensions.add(builder);
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
  }

  @BeforeEach
  void start() throws Exception {
    start(true);
  }

  /**
   * Starts the server; it requires a client certificate, or (for token users) only asks for one.
   */
  private void start(boolean needClientCertificate) throws Exception {
    char[] password = "changeit".toCharArray();
    KeyStore identity = KeyStore.getInstance("PKCS12");
    identity.load(null, null);
    identity.setKeyEntry(
        "server", serverKeys.getPrivate(), password, new Certificate[] {serverCert, ca});
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(identity, password);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", ca); // only the CA: a self-signed client cert is refused
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(ssl) {
          @Override
          public void configure(HttpsParameters params) {
            // On JDK 17 params.setNeedClientAuth(true) alone is not applied to the SSLEngine (the
            // handshake then succeeds without a client certificate); SSLParameters are.
            SSLParameters tls = getSSLContext().getDefaultSSLParameters();
            if (needClientCertificate) {
              tls.setNeedClientAuth(true);
            } else {
              tls.setWantClientAuth(true);
            }
            params.setSSLParameters(tls);
          }
        });
    server.createContext("/", this::handle);
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.start();
    url = "https://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String peer;
      try {
        peer =
            ((X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0])
                .getSubjectX500Principal()
                .getName();
      } catch (SSLPeerUnverifiedException e) {
        peer = "none";
      }
      peers.add(peer);
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      String path = exchange.getRequestURI().getPath();
      paths.add(exchange.getRequestURI().toString());
      String body;
      int code = 200;
      switch (path) {
        case "/version" -> body = "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.0\"}";
        case "/api/v1/namespaces" ->
            body =
                list(
                    "NamespaceList",
                    "{\"metadata\":{\"name\":\"shop\",\"uid\":\"ns-1\"},\"status\":{\"phase\":\"Active\"}}");
        case "/api/v1/pods" ->
            body =
                list(
                    "PodList",
                    """
                    {"metadata":{"name":"web","namespace":"shop","uid":"pod-1"},
                     "spec":{"containers":[{"name":"app","image":"nginx:1.27",
                       "securityContext":{"privileged":true}}]}}""");
        default -> {
          code = 404;
          body =
              "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                  + "\"message\":\"the server could not find the requested resource\","
                  + "\"reason\":\"NotFound\",\"details\":{},\"code\":404}";
        }
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(code, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private static String list(String kind, String item) {
    return "{\"kind\":\""
        + kind
        + "\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"1\",\"continue\":\"\"},"
        + "\"items\":["
        + item
        + "]}";
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }

  private static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }

  /** A kubeconfig with context "certs"; {@code user} is the YAML of the user entry. */
  private Path kubeconfig(String user) throws IOException {
    Path file = dir.resolve("config");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        current-context: certs
        clusters:
          - name: mtls
            cluster:
              server: "%s"
              certificate-authority-data: %s
        users:
          - name: admin
            user: %s
        contexts:
          - name: certs
            context: {cluster: mtls, user: admin}
        """
            .formatted(url, base64(pem(ca)), user));
    return file;
  }

  private static String certUser(X509Certificate cert, String keyPem) throws IOException {
    return "{client-certificate-data: %s, client-key-data: %s}"
        .formatted(base64(pem(cert)), base64(keyPem));
  }

  private record Run(int code, String out, String err, double seconds) {}

  private static Run scan(Path kubeconfig, String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(
                    "scan", "--cluster", "--kubeconfig", kubeconfig.toString()),
                java.util.stream.Stream.of(extra))
            .toArray(String[]::new);
    long started = System.nanoTime();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString(), (System.nanoTime() - started) / 1e9);
  }

  /** PKCS#1 ("RSA PRIVATE KEY", as kubeadm and kind write it) and PKCS#8 ("PRIVATE KEY"). */
  @ParameterizedTest
  @ValueSource(strings = {"pkcs1", "pkcs8"})
  void scansWithTheKubeconfigClientCertificate(String keyFormat) throws Exception {
    String key =
        keyFormat.equals("pkcs1")
            ? pem(clientKeys.getPrivate())
            : pem(new JcaPKCS8Generator(clientKeys.getPrivate(), null).generate());
    assertThat(key)
        .startsWith(
            keyFormat.equals("pkcs1")
                ? "-----BEGIN RSA PRIVATE KEY-----"
                : "-----BEGIN PRIVATE KEY");
    Path config = kubeconfig(certUser(clientCert, key));
    Path json = dir.resolve("report.json");

    Run run = scan(config, "-f", "json", "-o", json.toString(), "--rule", "container-privileged");

    assertThat(run.code()).as(run.err()).isEqualTo(Main.EXIT_FINDINGS);
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.path("errors")).as(report.toString()).isEmpty();
    assertThat(report.path("findings"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path("ruleId").asText()).isEqualTo("container-privileged");
              assertThat(f.path("source").asText()).isEqualTo("cluster/certs");
              assertThat(f.toString()).contains("shop").contains("web");
            });
    // The server saw our client certificate on every request, and the scan really listed pods.
    assertThat(paths).contains("/version").anyMatch(p -> p.startsWith("/api/v1/pods?"));
    assertThat(peers).isNotEmpty().containsOnly(clientCert.getSubjectX500Principal().getName());
  }

  /**
   * Through the command line: exit 2 and one message, no stack trace. Slow (about 32 s): kube4c's
   * fabric8 config retries a failed connection 6 times with back-off from 500 ms
   * (ClusterTarget.RETRIES / RETRY_INTERVAL_MS), and a refused client certificate is such a
   * failure.
   */
  @Test
  void untrustedClientCertificateIsAClearError() throws Exception {
    Path config = kubeconfig(certUser(strangerCert, pem(strangerKeys.getPrivate())));

    Run run = scan(config);

    assertThat(run.code()).as(run.err()).isEqualTo(Main.EXIT_ERROR);
    assertThat(run.err())
        .doesNotContain("\tat ")
        .doesNotContain("Exception in thread")
        .doesNotContain("Caused by");
    List<String> lines = run.err().strip().lines().toList();
    assertThat(lines).as(run.err()).hasSize(2);
    assertThat(lines.get(0))
        .startsWith("kube4c: ")
        .contains(url)
        .contains("cannot reach")
        .contains("client certificate");
    assertThat(run.seconds()).as("the probe fails fast, without long back-off").isLessThan(5);
    assertThat(lines.get(1)).isEqualTo("(run with --verbose for details)");
    assertThat(run.out()).doesNotContain("container-privileged");
    assertThat(paths).isEmpty(); // the TLS handshake fails before any request reaches a handler
  }

  /** The same failure with no client certificate at all. */
  @Test
  void missingClientCertificateIsAClearError() throws Exception {
    ClusterTarget target = ClusterTarget.resolve(kubeconfig("{token: not-a-certificate}"), null);
    assertThat(target.name()).isEqualTo("cluster/certs");

    assertThatThrownBy(
            () ->
                new ClusterScan(new Pipeline(RuleCatalogue.builtIn()).scanner())
                    .scan(
                        target,
                        new ScanRequest(Config.DEFAULT, null, null, null, Fixtures.TODAY),
                        List.of(),
                        ClusterScan.Options.allNamespaces()))
        .isInstanceOf(ClusterException.class)
        .hasMessageStartingWith("cannot reach the API server at " + url);
    assertThat(paths).isEmpty();
  }

  /** In a pod: the mounted ServiceAccount token and CA certificate, the server from the env. */
  @Test
  void scansWithTheInClusterServiceAccount() throws Exception {
    stop();
    start(false);
    Path account = Files.createDirectories(dir.resolve("serviceaccount"));
    Files.writeString(account.resolve("token"), "sa-token-0123456789\n");
    Files.writeString(account.resolve("ca.crt"), pem(ca));
    Files.writeString(account.resolve("namespace"), "kube4c");
    java.util.Map<String, String> env =
        java.util.Map.of(
            "KUBECONFIG", dir.resolve("no-such-kubeconfig").toString(),
            "KUBERNETES_SERVICE_HOST", "127.0.0.1",
            "KUBERNETES_SERVICE_PORT", String.valueOf(server.getAddress().getPort()));

    ClusterTarget target = ClusterTarget.resolve(null, null, env::get, account);
    ScanResult result =
        new ClusterScan(new Pipeline(RuleCatalogue.builtIn()).scanner())
            .scan(
                target,
                new ScanRequest(Config.DEFAULT, null, null, null, Fixtures.TODAY),
                List.of(),
                ClusterScan.Options.allNamespaces());

    assertThat(target.name()).isEqualTo("cluster/in-cluster");
    assertThat(result.findings())
        .anySatisfy(
            f -> {
              assertThat(f.ruleId()).isEqualTo("container-privileged");
              assertThat(f.resource().display()).isEqualTo("Pod/shop/web");
              assertThat(f.location().source()).isEqualTo("cluster/in-cluster");
            });
    assertThat(authorizations).isNotEmpty().allMatch("Bearer sa-token-0123456789"::equals);
    assertThat(peers).allMatch("none"::equals); // a token user presents no certificate
  }
}
