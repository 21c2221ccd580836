package dev.kube4c.images;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small client for the OCI distribution API (the part cosign needs): manifests by tag or digest,
 * blobs, and pushes. Speaks anonymous, Basic and Bearer-token auth (the token dance of Docker Hub,
 * GHCR, ACR, ECR and distribution). Loopback registries are spoken to over plain HTTP, as Docker
 * does; every other registry over HTTPS. Thread-safe; tokens are cached per registry and scope.
 */
public final class OciClient {

  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  private static final String ACCEPT =
      String.join(", ", OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST);

  /** Signature payloads and manifests are small; anything bigger is not what we asked for. */
  private static final int MAX_BYTES = 4 * 1024 * 1024;

  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /**
   * A manifest as served: its raw bytes (which the digest is computed over), media type and digest.
   */
  public record Manifest(byte[] bytes, String mediaType, String digest) {}

  private final HttpClient http;
  private final DockerCredentials credentials;
  private final Duration timeout;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  public OciClient(DockerCredentials credentials, Duration timeout) {
    this.credentials = credentials;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * The manifest that {@code reference} (a tag or a digest) names, or empty when the registry has
   * none.
   */
  public Optional<Manifest> manifest(String registry, String repository, String reference)
      throws RegistryException {
    HttpResponse<InputStream> response =
        send(registry, repository, false, "GET", "/manifests/" + reference, ACCEPT, null, null);
    if (response.statusCode() == 404) {
      close(response);
      return Optional.empty();
    }
    expect(response, 200, registry, "manifest " + repository + ":" + reference);
    byte[] bytes = read(response);
    String type =
        response.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", "").trim();
    return Optional.of(new Manifest(bytes, type, sha256(bytes)));
  }

  /** A blob, checked against its digest (a registry must not be able to swap content). */
  public byte[] blob(String registry, String repository, String digest) throws RegistryException {
    HttpResponse<InputStream> response = blobResponse(registry, repository, digest);
    byte[] bytes = read(response);
    if (!sha256(bytes).equals(digest)) {
      throw new RegistryException(
          registry + ": blob " + digest + " of " + repository + " does not match its digest");
    }
    return bytes;
  }

  /**
   * A blob as a stream, of any size (image layers). The caller closes it and checks the digest of
   * what it read.
   */
  public InputStream openBlob(String registry, String repository, String digest)
      throws RegistryException {
    return blobResponse(registry, repository, digest).body();
  }

  private HttpResponse<InputStream> blobResponse(String registry, String repository, String digest)
      throws RegistryException {
    HttpResponse<InputStream> response =
        send(registry, repository, false, "GET", "/blobs/" + digest, null, null, null);
    if (response.statusCode() / 100 == 3) {
      // Blob stores (S3, GCS, Azure) redirect to pre-signed URLs that reject our Authorization
      // header.
      String location =
          response
              .headers()
              .firstValue("Location")
              .orElseThrow(
                  () ->
                      new RegistryException(
                          registry + ": redirect without Location for blob " + digest));
      close(response);
      response =
          exchange(
              HttpRequest.newBuilder(baseUri(registry).resolve(location))
                  .timeout(timeout)
                  .GET()
                  .build(),
              registry);
    }
    expect(response, 200, registry, "blob " + digest + " of " + repository);
    return response;
  }

  /** Uploads a blob in one request (POST then PUT), unless the registry has it already. */
  public void pushBlob(String registry, String repository, byte[] content)
      throws RegistryException {
    String digest = sha256(content);
    HttpResponse<InputStream> head =
        send(registry, repository, true, "HEAD", "/blobs/" + digest, null, null, null);
    close(head);
    if (head.statusCode() == 200) {
      return;
    }
    HttpResponse<InputStream> started =
        send(registry, repository, true, "POST", "/blobs/uploads/", null, null, new byte[0]);
    expect(started, 202, registry, "blob upload to " + repository);
    close(started);
    String location =
        started
            .headers()
            .firstValue("Location")
            .orElseThrow(() -> new RegistryException(registry + ": upload without Location"));
    URI upload = baseUri(registry).resolve(location);
    String query =
        (upload.getQuery() == null ? "" : upload.getRawQuery() + "&")
            + "digest="
            + URLEncoder.encode(digest, StandardCharsets.UTF_8);
    URI target =
        URI.create(
            upload.getScheme()
                + "://"
                + upload.getRawAuthority()
                + upload.getRawPath()
                + "?"
                + query);
    HttpResponse<InputStream> done =
        sendTo(
            registry, repository, true, "PUT", target, null, "application/octet-stream", content);
    expect(done, 201, registry, "blob " + digest + " to " + repository);
    close(done);
  }

  /** Puts a manifest under a tag (or digest); returns the digest of the bytes sent. */
  public String pushManifest(
      String registry, String repository, String reference, byte[] manifest, String mediaType)
      throws RegistryException {
    HttpResponse<InputStream> response =
        send(
            registry,
            repository,
            true,
            "PUT",
            "/manifests/" + reference,
            null,
            mediaType,
            manifest);
    expect(response, 201, registry, "manifest " + repository + ":" + reference);
    close(response);
    return sha256(manifest);
  }

  public static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  static boolean isLoopback(String registry) {
    String host =
        registry.startsWith("[")
            ? registry.substring(0, registry.indexOf(']') + 1)
            : registry.replaceFirst(":\\d+$", "");
    return host.equals("localhost")
        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
        || host.equals("[::1]");
  }

  static URI baseUri(String registry) {
    String host = registry.equals("docker.io") ? "registry-1.docker.io" : registry;
    return URI.create((isLoopback(registry) ? "http://" : "https://") + host + "/");
  }

  private HttpResponse<InputStream> send(
      String registry,
      String repository,
      boolean push,
      String method,
      String path,
      String accept,
      String contentType,
      byte[] body)
      throws RegistryException {
    return sendTo(
        registry,
        repository,
        push,
        method,
        baseUri(registry).resolve("/v2/" + repository + path),
        accept,
        contentType,
        body);
  }

  /**
   * One request with auth: tries the cached token (or anonymous), and answers a 401 challenge once.
   */
  private HttpResponse<InputStream> sendTo(
      String registry,
      String repository,
      boolean push,
      String method,
      URI uri,
      String accept,
      String contentType,
      byte[] body)
      throws RegistryException {
    String scope = "repository:" + repository + ":" + (push ? "pull,push" : "pull");
    String cacheKey = registry + " " + scope;
    String authorization = tokens.get(cacheKey);
    HttpResponse<InputStream> response =
        exchange(request(method, uri, accept, contentType, body, authorization), registry);
    if (response.statusCode() != 401) {
      return response;
    }
    String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
    close(response);
    authorization = authorize(registry, challenge, scope);
    tokens.put(cacheKey, authorization);
    response = exchange(request(method, uri, accept, contentType, body, authorization), registry);
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      close(response);
      throw new RegistryException(
          registry
              + ": access to "
              + repository
              + " denied (HTTP "
              + response.statusCode()
              + "); log in with 'docker login "
              + registry
              + "'");
    }
    return response;
  }

  private HttpRequest request(
      String method,
      URI uri,
      String accept,
      String contentType,
      byte[] body,
      String authorization) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (accept != null) {
      builder.header("Accept", accept);
    }
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder.build();
  }

  /**
   * The Authorization header value that answers a challenge: Basic from the Docker config, or a
   * Bearer token.
   */
  private String authorize(String registry, String challenge, String scope)
      throws RegistryException {
    Optional<DockerCredentials.Login> login = credentials.forRegistry(registry);
    String lower = challenge.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("basic")) {
      return login
          .map(DockerCredentials.Login::basicHeader)
          .orElseThrow(
              () ->
                  new RegistryException(
                      registry
                          + ": authentication required and no credentials in the Docker config"));
    }
    if (!lower.startsWith("bearer")) {
      throw new RegistryException(
          registry
              + ": unsupported authentication challenge '"
              + challenge.replaceFirst("\\s.*", "")
              + "'");
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      throw new RegistryException(registry + ": Bearer challenge without realm");
    }
    String tokenScope = params.getOrDefault("scope", scope);
    StringBuilder query = new StringBuilder();
    if (params.containsKey("service")) {
      query
          .append("service=")
          .append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8))
          .append('&');
    }
    query.append("scope=").append(URLEncoder.encode(tokenScope, StandardCharsets.UTF_8));
    HttpRequest.Builder builder;
    URI realmUri;
    try {
      realmUri = URI.create(realm);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(registry + ": bad token realm " + realm);
    }
    if (login.isPresent() && login.get().identityToken() != null) {
      // OAuth2 refresh-token grant (what 'docker login' stores for ACR and others).
      String form =
          query
              + "&grant_type=refresh_token&client_id=kube4c&refresh_token="
              + URLEncoder.encode(login.get().identityToken(), StandardCharsets.UTF_8);
      builder =
          HttpRequest.newBuilder(realmUri)
              .timeout(timeout)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form));
    } else {
      builder =
          HttpRequest.newBuilder(URI.create(realm + (realm.contains("?") ? "&" : "?") + query))
              .timeout(timeout)
              .GET();
      login.ifPresent(l -> builder.header("Authorization", l.basicHeader()));
    }
    HttpResponse<InputStream> response = exchange(builder.build(), registry);
    expect(response, 200, registry, "token from " + realmUri.getHost());
    try {
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(read(response));
      String token = json.path("token").asText(json.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw new RegistryException(registry + ": token endpoint returned no token");
      }
      return "Bearer " + token;
    } catch (IOException e) {
      throw new RegistryException(registry + ": token endpoint returned no JSON");
    }
  }

  private HttpResponse<InputStream> exchange(HttpRequest request, String registry)
      throws RegistryException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException e) {
      throw RegistryException.unreachable(
          "registry " + registry + " unreachable: connection timed out", e);
    } catch (HttpTimeoutException e) {
      throw new RegistryException(
          "registry " + registry + " did not answer in " + timeout.toSeconds() + "s", e);
    } catch (ConnectException e) {
      throw RegistryException.unreachable(
          "registry " + registry + " unreachable: connection refused or no route", e);
    } catch (IOException e) {
      throw RegistryException.unreachable(
          "registry "
              + registry
              + " unreachable: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while talking to " + registry, e);
    } catch (IllegalArgumentException e) {
      throw new RegistryException("bad registry address " + registry, e);
    }
  }

  private static void expect(
      HttpResponse<InputStream> response, int status, String registry, String what)
      throws RegistryException {
    if (response.statusCode() != status) {
      String detail = "";
      try {
        detail = new String(read(response), StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
      } catch (RegistryException e) {
        // keep the status alone
      }
      throw new RegistryException(
          registry
              + ": "
              + what
              + " failed with HTTP "
              + response.statusCode()
              + (detail.isEmpty() ? "" : ": " + abbreviate(detail)));
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  private static byte[] read(HttpResponse<InputStream> response) throws RegistryException {
    try (InputStream in = response.body()) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new RegistryException(
            response.uri().getHost() + ": response larger than " + MAX_BYTES + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new RegistryException(
          response.uri().getHost() + ": reading the response failed: " + e.getMessage(), e);
    }
  }

  private static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException e) {
      // nothing to release beyond the connection
    }
  }
}
