package dev.kube4c.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * fabric8's mock API server in CRUD mode, with what CRUD mode lacks for kube4c: {@code limit} /
 * {@code continue} pagination in API-server order (namespace, then name), list items without
 * apiVersion/kind as the real server sends them, discovery for custom resource groups, and injected
 * faults (403 on a path, 429 a number of times). It records every request. Used by the tests and by
 * the live benchmark ({@link LiveBenchServer}).
 */
public final class MockApiServer implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * The mock server logs every request at INFO through java.util.logging; held here so the level
   * sticks.
   */
  private static final java.util.logging.Logger SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final PagingDispatcher dispatcher = new PagingDispatcher();
  private final KubernetesMockServer server;

  @SuppressWarnings("deprecation") // the mock server's Context still takes a Jackson 2 mapper
  public MockApiServer() {
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            new HashMap<>(),
            dispatcher,
            false);
    server.init();
  }

  @SuppressWarnings("deprecation")
  public MockApiServer(int port) {
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            new HashMap<>(),
            dispatcher,
            false);
    server.init(java.net.InetAddress.getLoopbackAddress(), port);
  }

  public String url() {
    return server.url("/").replaceAll("/$", "");
  }

  public NamespacedKubernetesClient client() {
    return server.createClient(
        b ->
            b.editOrNewConfig()
                .withRequestRetryBackoffInterval(10)
                .withRequestRetryBackoffLimit(ClusterTarget.RETRIES)
                .endConfig());
  }

  /** Stores an object as the API server would hold it, under the collection path of its kind. */
  public void add(ApiKind kind, ObjectNode object) {
    String namespace = object.path("metadata").path("namespace").asText(null);
    String body;
    try {
      body = MAPPER.writeValueAsString(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    dispatcher.handleCreate(kind.listPath(kind.namespaced() ? namespace : null), body);
    if (kind.optional()) {
      dispatcher.serve(kind);
    }
  }

  /** Answers 403 Forbidden to every request whose path starts with {@code prefix}. */
  public void forbid(String prefix) {
    dispatcher.forbidden.add(prefix);
  }

  /**
   * Answers 429 Too Many Requests (Retry-After: 0) {@code times} times to requests under {@code
   * prefix}.
   */
  public void throttle(String prefix, int times) {
    dispatcher.throttled.put(prefix, new AtomicInteger(times));
  }

  /** Sends the body of every answer under {@code prefix} only after {@code delay}. */
  public void delay(String prefix, java.time.Duration delay) {
    dispatcher.delayed.put(prefix, delay);
  }

  /** Answers 401 Unauthorized to everything, as for expired credentials. */
  public void rejectCredentials() {
    dispatcher.reject = true;
  }

  /** Every request path, in order. */
  public List<String> requests() {
    return List.copyOf(dispatcher.requests);
  }

  public List<String> authorizationHeaders() {
    return List.copyOf(dispatcher.authorizations);
  }

  /**
   * The fewest LIST calls that could have read every collection that was listed: one per page of
   * each list (an empty list is one page). Equal to {@link #listCalls()} when no page was fetched
   * twice.
   */
  public long pagesNeeded() {
    return dispatcher.pagesNeeded.get();
  }

  /** LIST calls: collection GETs with a limit. */
  public long listCalls() {
    return dispatcher.requests.stream().filter(p -> p.contains("limit=")).count();
  }

  @Override
  public void close() {
    server.destroy();
  }

  private static final class PagingDispatcher extends KubernetesCrudDispatcher {

    final Set<String> forbidden = ConcurrentHashMap.newKeySet();
    volatile boolean reject;
    final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
    final Map<String, java.time.Duration> delayed = new ConcurrentHashMap<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<JsonNode>> snapshots = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> custom = new ConcurrentHashMap<>();
    private final AtomicInteger snapshotIds = new AtomicInteger();
    final java.util.concurrent.atomic.AtomicLong pagesNeeded =
        new java.util.concurrent.atomic.AtomicLong();

    void serve(ApiKind kind) {
      custom
          .computeIfAbsent(kind.discoveryPath(), k -> new LinkedHashMap<>())
          .put(kind.plural(), kind.kind());
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath();
      if (!request.getMethod().equals("GET")) {
        return super.dispatch(request);
      }
      requests.add(path);
      String authorization = request.getHeader("Authorization");
      if (authorization != null) {
        authorizations.add(authorization);
      }
      if (reject) {
        return status(401, "Unauthorized", "Unauthorized");
      }
      for (String prefix : forbidden) {
        if (path.startsWith(prefix)) {
          return status(
              403,
              "Forbidden",
              path
                  + " is forbidden: User \"system:serviceaccount:test:kube4c\" cannot list this resource");
        }
      }
      for (Map.Entry<String, AtomicInteger> entry : throttled.entrySet()) {
        if (path.startsWith(entry.getKey()) && entry.getValue().getAndDecrement() > 0) {
          return status(429, "TooManyRequests", "too many requests, please try again later")
              .setHeader("Retry-After", "0");
        }
      }
      if (path.equals("/version")) {
        return json(200, "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.0\"}");
      }
      Map<String, String> resources = custom.get(path);
      if (resources != null) {
        ObjectNode list =
            MAPPER
                .createObjectNode()
                .put("kind", "APIResourceList")
                .put("groupVersion", path.substring("/apis/".length()));
        ArrayNode array = list.putArray("resources");
        resources.forEach(
            (plural, kind) ->
                array.addObject().put("name", plural).put("kind", kind).put("namespaced", true));
        return json(200, list.toString());
      }
      if (path.contains("limit=")) {
        MockResponse page = page(path);
        delayed.forEach(
            (prefix, delay) -> {
              if (path.startsWith(prefix)) {
                page.setBodyDelay(delay);
              }
            });
        return page;
      }
      return super.dispatch(request);
    }

    /**
     * One page of a list, cut from a snapshot taken at the first page (as a consistent LIST would).
     */
    private MockResponse page(String path) {
      String base = path.substring(0, path.indexOf('?'));
      Map<String, String> query = query(path.substring(path.indexOf('?') + 1));
      int limit = Integer.parseInt(query.get("limit"));
      String token = query.getOrDefault("continue", "");
      String id;
      int offset;
      if (token.isEmpty()) {
        id = String.valueOf(snapshotIds.incrementAndGet());
        offset = 0;
        List<JsonNode> snapshot = snapshot(base, query.get("fieldSelector"));
        snapshots.put(id, snapshot);
        pagesNeeded.addAndGet(Math.max(1, (snapshot.size() + limit - 1) / limit));
      } else {
        id = token.substring(0, token.indexOf(':'));
        offset = Integer.parseInt(token.substring(token.indexOf(':') + 1));
        if (!snapshots.containsKey(id)) {
          return status(410, "Expired", "The provided continue parameter is too old");
        }
      }
      List<JsonNode> items = snapshots.get(id);
      int end = Math.min(items.size(), offset + limit);
      ObjectNode list = MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "List");
      ObjectNode metadata = list.putObject("metadata").put("resourceVersion", "1");
      if (end < items.size()) {
        metadata.put("continue", id + ":" + end).put("remainingItemCount", items.size() - end);
      } else {
        snapshots.remove(id);
      }
      ArrayNode array = list.putArray("items");
      items.subList(offset, end).forEach(array::add);
      return json(200, list.toString());
    }

    private List<JsonNode> snapshot(String base, String fieldSelector) {
      MockResponse all = super.handleGet(base);
      List<JsonNode> items = new ArrayList<>();
      try {
        for (JsonNode item : MAPPER.readTree(all.getBody().readUtf8()).path("items")) {
          ObjectNode copy = (ObjectNode) item.deepCopy();
          copy.remove("apiVersion"); // list items carry neither, as from a real API server
          copy.remove("kind");
          if (fieldSelector == null
              || fieldSelector.equals(
                  "metadata.name=" + copy.path("metadata").path("name").asText())) {
            items.add(copy);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // etcd order: by key, that is namespace then name.
      items.sort(
          Comparator.comparing(
              (JsonNode i) ->
                  i.path("metadata").path("namespace").asText("")
                      + "/"
                      + i.path("metadata").path("name").asText("")));
      return items;
    }

    private static Map<String, String> query(String text) {
      Map<String, String> params = new HashMap<>();
      for (String pair : text.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(
              pair.substring(0, eq),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      return params;
    }

    private static MockResponse status(int code, String reason, String message) {
      ObjectNode status =
          MAPPER
              .createObjectNode()
              .put("apiVersion", "v1")
              .put("kind", "Status")
              .put("status", "Failure");
      status.put("message", message).put("reason", reason).put("code", code);
      return json(code, status.toString());
    }

    private static MockResponse json(int code, String body) {
      return new MockResponse()
          .setResponseCode(code)
          .setHeader("Content-Type", "application/json")
          .setBody(body);
    }
  }
}
