package dev.kube4c.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Docker token server (the "token" auth of distribution) for tests: answers GET /token with a JWT
 * (RS256) for the requested scope, but only to a request with the expected Basic credentials. The
 * signing certificate is made with the JDK's keytool; distribution trusts it through {@code
 * rootcertbundle} and finds it by the libtrust key id in the JWT {@code kid} header.
 */
final class TokenServer implements AutoCloseable {

  static final String SERVICE = "kube4c-test-registry";
  static final String ISSUER = "kube4c-test-issuer";

  private final HttpServer server;
  private final Path certificate;
  private final AtomicInteger tokensIssued = new AtomicInteger();

  private TokenServer(HttpServer server, Path certificate) {
    this.server = server;
    this.certificate = certificate;
  }

  static TokenServer start(Path dir, String user, String password) throws Exception {
    Path keystore = dir.resolve("token.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(
        keytool,
        "-genkeypair",
        "-alias",
        "token",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=kube4c-token",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    Path pem = dir.resolve("token.pem");
    run(
        keytool,
        "-exportcert",
        "-rfc",
        "-alias",
        "token",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-file",
        pem.toString());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    PrivateKey key = (PrivateKey) store.getKey("token", "changeit".toCharArray());
    Certificate cert = store.getCertificate("token");
    String kid = libtrustKeyId(cert.getPublicKey().getEncoded());
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));

    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    TokenServer tokens = new TokenServer(server, pem);
    server.createContext(
        "/token",
        exchange -> {
          try {
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
              exchange.sendResponseHeaders(401, -1);
              return;
            }
            Map<String, String> query = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            for (String pair : (raw == null ? "" : raw).split("&")) {
              int eq = pair.indexOf('=');
              if (eq > 0) {
                query.put(
                    pair.substring(0, eq),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
              }
            }
            byte[] body =
                ("{\"token\":\"" + jwt(key, kid, user, query.getOrDefault("scope", "")) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            tokens.tokensIssued.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          } catch (GeneralSecurityException e) {
            exchange.sendResponseHeaders(500, -1);
          } finally {
            exchange.close();
          }
        });
    server.start();
    return tokens;
  }

  /** The registry config section that sends clients here. */
  String registryAuthConfig() {
    return String.join(
        "\n",
        "auth:",
        "  token:",
        "    realm: http://127.0.0.1:" + server.getAddress().getPort() + "/token",
        "    service: " + SERVICE,
        "    issuer: " + ISSUER,
        "    rootcertbundle: " + certificate);
  }

  int tokensIssued() {
    return tokensIssued.get();
  }

  private static String jwt(PrivateKey key, String kid, String subject, String scope)
      throws GeneralSecurityException {
    ObjectMapper json = new ObjectMapper();
    List<Map<String, Object>> access = new ArrayList<>();
    for (String one : scope.split(" ")) {
      String[] parts = one.split(":");
      if (parts.length == 3) {
        access.add(
            Map.of("type", parts[0], "name", parts[1], "actions", List.of(parts[2].split(","))));
      }
    }
    long now = Instant.now().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", ISSUER);
    claims.put("sub", subject);
    claims.put("aud", SERVICE);
    claims.put("exp", now + 300);
    claims.put("nbf", now - 10);
    claims.put("iat", now);
    claims.put("jti", Long.toString(System.nanoTime()));
    claims.put("access", access);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    try {
      String signingInput =
          b64.encodeToString(
                  json.writeValueAsBytes(Map.of("typ", "JWT", "alg", "RS256", "kid", kid)))
              + "."
              + b64.encodeToString(json.writeValueAsBytes(claims));
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64.encodeToString(signature.sign());
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /**
   * docker/libtrust KeyID: base32 of the first 240 bits of SHA-256(SPKI DER), in 12 groups of 4.
   */
  static String libtrustKeyId(byte[] spki) throws GeneralSecurityException {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(spki);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder base32 = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < 30; i++) {
      buffer = (buffer << 8) | (hash[i] & 0xff);
      bits += 8;
      while (bits >= 5) {
        base32.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < base32.length(); i += 4) {
      if (i > 0) {
        id.append(':');
      }
      id.append(base32, i, i + 4);
    }
    return id.toString();
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
