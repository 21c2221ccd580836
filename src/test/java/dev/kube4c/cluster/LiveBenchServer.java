package dev.kube4c.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.inventory.ClusterScope;
import dev.kube4c.source.Document;
import dev.kube4c.source.SourceLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The live benchmark's API server (not a test): loads every object under a folder into the mock API
 * server, writes a kubeconfig for it, and serves until killed; then writes how many LIST calls it
 * answered. Run by bench/live-bench.sh:
 *
 * <pre>java -cp ... dev.kube4c.cluster.LiveBenchServer CORPUS_DIR KUBECONFIG_OUT STATS_OUT</pre>
 */
public final class LiveBenchServer {

  private LiveBenchServer() {}

  public static void main(String[] args) throws InterruptedException {
    try {
      serve(args);
    } catch (IOException | RuntimeException e) {
      // The mock server's threads are not daemons: without an exit the JVM would hang here.
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void serve(String[] args) throws IOException, InterruptedException {
    Path corpus = Path.of(args[0]);
    Path kubeconfig = Path.of(args[1]);
    Path stats = Path.of(args[2]);
    Map<String, ApiKind> known =
        ApiKind.NEEDED.stream().collect(Collectors.toMap(ApiKind::kind, Function.identity()));
    MockApiServer server = new MockApiServer();
    long start = System.nanoTime();
    SourceLoader.Loaded loaded =
        new SourceLoader(new ByteArrayInputStream(new byte[0])).load(List.of(corpus.toString()));
    int count = 0;
    int rejected = 0;
    int renamed = 0;
    Set<String> keys = new HashSet<>();
    for (Document document : loaded.documents()) {
      ObjectNode tree = document.tree();
      if (!storable(tree)) {
        rejected++; // the API server would refuse it too (e.g. "${NAMESPACE}" left by a template)
        continue;
      }
      ApiKind kind = known.getOrDefault(tree.path("kind").asText(), guess(tree));
      tree.put(
          "apiVersion", kind.groupVersion()); // served at one version, as the API server converts
      if (tree.get("metadata") instanceof ObjectNode metadata) {
        if (kind.namespaced()) {
          metadata.put("namespace", metadata.path("namespace").asText("default"));
        } else {
          metadata.remove("namespace");
        }
        // The grown corpus repeats names inside a namespace (projects share "default" and common
        // names); a real API server would keep one. Renaming keeps every object of the corpus.
        String name = metadata.path("name").asText();
        String key = kind.listPath(metadata.path("namespace").asText(null)) + "/";
        if (!keys.add(key + name)) {
          int n = 2;
          while (!keys.add(key + name + "-" + n)) {
            n++;
          }
          metadata.put("name", name + "-" + n);
          renamed++;
        }
      }
      server.add(kind, tree);
      count++;
    }
    loaded = null;
    final int total = count;
    System.err.printf(
        "loaded %d objects in %.1f s (%d renamed to keep names unique, %d refused: invalid name"
            + " or namespace)%n",
        count, (System.nanoTime() - start) / 1e9, renamed, rejected);
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        current-context: bench
        clusters: [{name: bench, cluster: {server: "%s"}}]
        users: [{name: bench, user: {token: bench-token}}]
        contexts: [{name: bench, context: {cluster: bench, user: bench}}]
        """
            .formatted(server.url()));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.writeString(
                        stats,
                        "objects="
                            + total
                            + "\nlistCalls="
                            + server.listCalls()
                            + "\npagesNeeded="
                            + server.pagesNeeded()
                            + "\nrequests="
                            + server.requests().size()
                            + "\n");
                  } catch (IOException e) {
                    System.err.println("cannot write " + stats + ": " + e.getMessage());
                  }
                  server.close();
                }));
    System.err.println("ready at " + server.url());
    Thread.currentThread().join(); // serve until killed
  }

  /** Names the API server accepts: DNS-1123 subdomains (namespaces are labels, a subset). */
  private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  private static boolean storable(ObjectNode tree) {
    String name = tree.path("metadata").path("name").asText("");
    String namespace = tree.path("metadata").path("namespace").asText("default");
    return DNS_NAME.matcher(name).matches() && DNS_NAME.matcher(namespace).matches();
  }

  /** Objects of kinds kube4c does not list still go in, under the path their apiVersion gives. */
  private static ApiKind guess(ObjectNode tree) {
    String apiVersion = tree.path("apiVersion").asText("v1");
    String kind = tree.path("kind").asText();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    String plural = kind.toLowerCase(Locale.ROOT) + (kind.endsWith("s") ? "es" : "s");
    return new ApiKind(group, version, plural, kind, !ClusterScope.isClusterScoped(kind), false);
  }
}
