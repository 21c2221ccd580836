package dev.kube4c.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.Location;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * Lists the kinds kube4c needs from an API server: one paginated LIST per kind ({@code limit} and
 * {@code continue}), each page parsed as a stream straight into Jackson trees (no typed model, no
 * whole-page string), with bookkeeping fields dropped as each object arrives. Objects whose
 * controller is itself a listed workload (a Deployment's ReplicaSets and their Pods, a CronJob's
 * Jobs) are skipped: findings belong to the object a user edits (RULES.md "Granularity").
 *
 * <p>Forbidden and unserved kinds become {@link Gap}s; throttling (429) and server errors are
 * retried by the fabric8 HTTP client with back-off; timeouts and exhausted retries become problems
 * of the scan. Only a failure to reach or authenticate to the server stops the scan.
 */
public final class ClusterReader {

  public static final int DEFAULT_PAGE_SIZE = 500;

  /**
   * Kinds whose objects are made by a controller; skipped when their controller is one of these
   * too.
   */
  private static final Set<String> POD_BEARING =
      Set.of(
          "Pod",
          "ReplicaSet",
          "ReplicationController",
          "StatefulSet",
          "DaemonSet",
          "Job",
          "Deployment",
          "CronJob",
          "Rollout");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Told about progress; the CLI draws a progress bar from it. */
  public interface Listener {
    default void kindStarted(ApiKind kind) {}

    default void objectsRead(int total) {}

    default void kindFinished(ApiKind kind) {}

    Listener NONE = new Listener() {};
  }

  /** A kind that was not listed, and why (forbidden by RBAC, not served). */
  public record Gap(ApiKind kind, String reason) {}

  /** What one read did; the objects themselves went to the read's sink as they arrived. */
  public record Outcome(
      int accepted,
      List<Gap> gaps,
      List<InputProblem> problems,
      List<ApiKind> listed,
      int listCalls,
      int objectsListed,
      int ownedSkipped) {

    /** This outcome and a later read's, as one. */
    public Outcome and(Outcome later) {
      List<Gap> allGaps = new ArrayList<>(gaps);
      allGaps.addAll(later.gaps());
      List<InputProblem> allProblems = new ArrayList<>(problems);
      allProblems.addAll(later.problems());
      List<ApiKind> allListed = new ArrayList<>(listed);
      allListed.addAll(later.listed());
      return new Outcome(
          accepted + later.accepted(),
          allGaps,
          allProblems,
          allListed,
          listCalls + later.listCalls(),
          objectsListed + later.objectsListed(),
          ownedSkipped + later.ownedSkipped());
    }
  }

  private final HttpClient http;
  private final HttpClient probeHttp;
  private final String server;
  private final Location location;
  private final int pageSize;
  private final java.time.Duration requestTimeout;

  /**
   * @param probeHttp the client for the first request, with fewer retries (see {@link
   *     ClusterTarget#PROBE_RETRIES})
   */
  public ClusterReader(
      HttpClient http,
      HttpClient probeHttp,
      String server,
      String source,
      int pageSize,
      java.time.Duration requestTimeout) {
    this.http = http;
    this.probeHttp = probeHttp;
    this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    this.location = Location.ofSource(source);
    this.pageSize = pageSize;
    this.requestTimeout = requestTimeout;
  }

  /**
   * Lists {@code kinds}, in one namespace when {@code namespace} is not null (cluster-scoped kinds
   * are always listed), and hands each object that is kept to {@code sink} as it arrives.
   */
  public Outcome read(
      List<ApiKind> kinds,
      String namespace,
      Listener listener,
      BiConsumer<ObjectNode, Location> sink) {
    probe();
    List<Gap> gaps = new ArrayList<>();
    List<InputProblem> problems = new ArrayList<>();
    List<ApiKind> listed = new ArrayList<>();
    Map<String, List<JsonNode>> discovered = new HashMap<>();
    int[] counts = new int[4]; // list calls, objects listed, owned skipped, accepted
    for (ApiKind kind : kinds) {
      if (kind.optional() && !served(kind, discovered)) {
        listener.kindFinished(kind); // not installed: nothing to list
        continue;
      }
      listener.kindStarted(kind);
      String failure = list(kind, namespace, sink, problems, counts, listener);
      if (failure != null) {
        gaps.add(new Gap(kind, failure));
      } else {
        listed.add(kind);
      }
      listener.kindFinished(kind);
    }
    return new Outcome(counts[3], gaps, problems, listed, counts[0], counts[1], counts[2]);
  }

  /** Checks that the server answers and accepts our credentials before listing anything. */
  private void probe() {
    try (Answer answer = get(probeHttp, "/version")) {
      if (answer.code() == 401) {
        throw new ClusterException(
            "the API server at "
                + server
                + " rejected the credentials (HTTP 401 Unauthorized)"
                + answer.statusMessage());
      }
      if (answer.code() >= 500 || answer.code() == 429) {
        throw new ClusterException(
            "the API server at "
                + server
                + " is not healthy (HTTP "
                + answer.code()
                + ")"
                + answer.statusMessage());
      }
    } catch (TimeoutException e) {
      throw new ClusterException(
          "the API server at "
              + server
              + " did not answer within "
              + seconds(requestTimeout)
              + " s");
    } catch (IOException e) {
      String message = ClusterTarget.rootMessage(e);
      boolean closed = message.toLowerCase(java.util.Locale.ROOT).contains("closed");
      throw new ClusterException(
          "cannot reach the API server at "
              + server
              + ": "
              + message
              + (closed && server.startsWith("https:")
                  ? " (the server ended the TLS connection: check that it trusts the kubeconfig's"
                      + " client certificate, and that certificate-authority matches the server)"
                  : ""),
          e);
    }
  }

  /**
   * Whether discovery shows the optional kind's resource in its group version (one request per
   * group version).
   */
  private boolean served(ApiKind kind, Map<String, List<JsonNode>> discovered) {
    return resources(kind.discoveryPath(), discovered).stream()
        .anyMatch(r -> r.path("name").asText().equals(kind.plural()));
  }

  /**
   * The kind an admission policy names as its {@code paramKind} (a custom resource, most often), as
   * discovery serves it; empty when the cluster does not serve it.
   */
  public java.util.Optional<ApiKind> discover(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    ApiKind probe = new ApiKind(group, version, "", kind, true, true);
    return resources(probe.discoveryPath(), new HashMap<>()).stream()
        .filter(r -> r.path("kind").asText().equals(kind) && !r.path("name").asText().contains("/"))
        .findFirst()
        .map(
            r ->
                new ApiKind(
                    group,
                    version,
                    r.path("name").asText(),
                    kind,
                    r.path("namespaced").asBoolean(true),
                    true));
  }

  /** The resources of one discovery document, fetched once per scan; empty when unavailable. */
  private List<JsonNode> resources(String path, Map<String, List<JsonNode>> discovered) {
    return discovered.computeIfAbsent(
        path,
        p -> {
          try (Answer answer = get(p)) {
            if (answer.code() != 200) {
              return List.of();
            }
            List<JsonNode> resources = new ArrayList<>();
            MAPPER.readTree(answer.body()).path("resources").forEach(resources::add);
            return resources;
          } catch (IOException | TimeoutException | RuntimeException e) {
            return List.of();
          }
        });
  }

  /**
   * Lists one kind page by page; returns a gap reason, or null when the kind was listed (possibly
   * with problems).
   */
  private String list(
      ApiKind kind,
      String namespace,
      BiConsumer<ObjectNode, Location> sink,
      List<InputProblem> problems,
      int[] counts,
      Listener listener) {
    String base = kind.listPath(namespace);
    String selector =
        namespace != null && kind.kind().equals("Namespace")
            ? "&fieldSelector=" + encode("metadata.name=" + namespace)
            : "";
    String token = "";
    do {
      String path =
          base
              + "?limit="
              + pageSize
              + selector
              + (token.isEmpty() ? "" : "&continue=" + encode(token));
      counts[0]++;
      try (Answer answer = get(path)) {
        switch (answer.code()) {
          case 200 -> token = readPage(answer.body(), kind, sink, counts, listener);
          case 403 -> {
            return "forbidden (HTTP 403)" + answer.statusMessage();
          }
          case 404 -> {
            return "not served by this API server (HTTP 404)";
          }
          case 410 -> {
            problems.add(
                new InputProblem(
                    location,
                    "listing "
                        + kind.resourceName()
                        + ": the continue token expired (HTTP 410) before all pages were read; results for this kind are partial, run the scan again"));
            return null;
          }
          case 429 -> {
            problems.add(
                new InputProblem(
                    location,
                    "listing "
                        + kind.resourceName()
                        + ": the API server kept throttling (HTTP 429) after "
                        + ClusterTarget.RETRIES
                        + " retries with back-off; results for this kind are partial"));
            return null;
          }
          default -> {
            problems.add(
                new InputProblem(
                    location,
                    "listing "
                        + kind.resourceName()
                        + ": HTTP "
                        + answer.code()
                        + answer.statusMessage()
                        + "; results for this kind are partial"));
            return null;
          }
        }
      } catch (TimeoutException e) {
        problems.add(
            new InputProblem(
                location,
                "listing "
                    + kind.resourceName()
                    + ": no answer within "
                    + seconds(requestTimeout)
                    + " s; results for this kind are partial"));
        return null;
      } catch (IOException e) {
        problems.add(
            new InputProblem(
                location,
                "listing "
                    + kind.resourceName()
                    + ": "
                    + ClusterTarget.rootMessage(e)
                    + "; results for this kind are partial"));
        return null;
      }
    } while (!token.isEmpty());
    return null;
  }

  /**
   * Streams one page: each item becomes a trimmed tree; returns the continue token ("" on the last
   * page).
   */
  private String readPage(
      InputStream body,
      ApiKind kind,
      BiConsumer<ObjectNode, Location> sink,
      int[] counts,
      Listener listener)
      throws IOException {
    String token = "";
    try (JsonParser parser = MAPPER.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("the answer is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("items") && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            ObjectNode item = parser.readValueAsTree();
            counts[1]++;
            if (accept(item, kind)) {
              counts[3]++;
              sink.accept(item, location);
            } else {
              counts[2]++;
            }
          }
          listener.objectsRead(counts[1]);
        } else if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
          JsonNode metadata = parser.readValueAsTree();
          token = metadata.path("continue").asText("");
        } else {
          parser.skipChildren();
        }
      }
    }
    return token;
  }

  /**
   * Completes list items (which carry no apiVersion/kind), trims them, and drops controller-made
   * objects.
   */
  private static boolean accept(ObjectNode item, ApiKind kind) {
    if (POD_BEARING.contains(kind.kind()) && controlledByWorkload(item)) {
      return false;
    }
    item.put("apiVersion", kind.groupVersion());
    item.put("kind", kind.kind());
    trim(item);
    return true;
  }

  private static boolean controlledByWorkload(JsonNode item) {
    for (JsonNode owner : item.path("metadata").path("ownerReferences")) {
      if (owner.path("controller").asBoolean(false)
          && POD_BEARING.contains(owner.path("kind").asText())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Bookkeeping the API server adds and no rule reads. Inventory trims status and last-applied too.
   */
  static void trim(ObjectNode item) {
    item.remove("status");
    if (item.get("metadata") instanceof ObjectNode metadata) {
      metadata.remove(
          List.of(
              "managedFields",
              "resourceVersion",
              "uid",
              "generation",
              "creationTimestamp",
              "selfLink"));
      if (metadata.get("annotations") instanceof ObjectNode annotations) {
        annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
        if (annotations.isEmpty()) {
          metadata.remove("annotations");
        }
      }
    }
  }

  private static String seconds(java.time.Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? String.valueOf(duration.toSeconds())
        : String.valueOf(duration.toMillis() / 1000.0);
  }

  private Answer get(String path) throws IOException, TimeoutException {
    return get(http, path);
  }

  private Answer get(HttpClient client, String path) throws IOException, TimeoutException {
    HttpRequest request =
        client
            .newHttpRequestBuilder()
            .uri(server + path)
            .header("Accept", "application/json")
            .timeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .build();
    try {
      // The overall wait covers the client's own retries and back-off (429, 5xx).
      HttpResponse<InputStream> response =
          client.sendAsync(request, InputStream.class).get(5, TimeUnit.MINUTES);
      return new Answer(response.code(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (isTimeout(cause)) {
        throw new TimeoutException(cause.getMessage());
      }
      throw new IOException(
          cause == null ? e.getMessage() : ClusterTarget.rootMessage(cause), cause);
    }
  }

  /**
   * HTTP clients signal timeouts with their own exception types; any of them in the chain counts.
   */
  private static boolean isTimeout(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        return true;
      }
    }
    return false;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** An HTTP answer whose body must be closed. */
  private record Answer(int code, InputStream body) implements AutoCloseable {

    /** The Status message of an error answer, as ": message", or "". */
    String statusMessage() {
      try {
        String message = MAPPER.readTree(body).path("message").asText("");
        return message.isEmpty() ? "" : ": " + message;
      } catch (IOException | RuntimeException e) {
        return "";
      }
    }

    @Override
    public void close() {
      try {
        if (body != null) {
          body.close();
        }
      } catch (IOException e) {
        // nothing left to read
      }
    }
  }
}
