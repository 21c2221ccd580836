package dev.kube4c.cluster;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which cluster to scan and how to reach it, resolved like kubectl: {@code --kubeconfig FILE}, else
 * the {@code KUBECONFIG} list (merged, first file wins), else {@code ~/.kube/config}, else the
 * in-cluster ServiceAccount. fabric8 does the reading (contexts, tokens, client certificates, exec
 * credential plugins, auth providers); this class only checks the outcome and names the source.
 *
 * @param name {@code cluster/<context>} (or {@code cluster/in-cluster}) for findings and reports
 */
public record ClusterTarget(Config config, String context, String name) {

  /** Where a pod's ServiceAccount token, CA certificate and namespace are mounted. */
  static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  /** Per-request limits; a page that takes longer than this is a timeout, reported as such. */
  public static final int CONNECT_TIMEOUT_MS = 10_000;

  /** The default of {@code --request-timeout}. */
  public static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofSeconds(60);

  /**
   * 429 and 5xx answers are retried this many times with exponential back-off (Retry-After is
   * honoured).
   */
  public static final int RETRIES = 6;

  public static final int RETRY_INTERVAL_MS = 500;

  /**
   * The first request (the server's version) is retried less: a refused connection or TLS handshake
   * is then reported within a second, not after half a minute of back-off.
   */
  static final int PROBE_RETRIES = 2;

  static final int PROBE_RETRY_INTERVAL_MS = 250;

  public static ClusterTarget resolve(Path kubeconfig, String context) {
    return resolve(kubeconfig, context, System::getenv);
  }

  static ClusterTarget resolve(Path kubeconfig, String context, Function<String, String> env) {
    return resolve(kubeconfig, context, env, SERVICE_ACCOUNT);
  }

  static ClusterTarget resolve(
      Path kubeconfig, String context, Function<String, String> env, Path serviceAccount) {
    Config config;
    if (kubeconfig != null) {
      if (!Files.isRegularFile(kubeconfig)) {
        throw new ClusterException("kubeconfig " + kubeconfig + " does not exist");
      }
      config =
          parse(() -> Config.fromKubeconfig(context, kubeconfig.toFile()), kubeconfig.toString());
    } else if (kubeconfigFiles(env).stream().anyMatch(f -> new File(f).isFile())) {
      config =
          parse(
              () -> Config.autoConfigure(context),
              String.join(File.pathSeparator, kubeconfigFiles(env)));
    } else if (env.apply("KUBERNETES_SERVICE_HOST") != null
        && Files.isReadable(serviceAccount.resolve("token"))) {
      if (context != null) {
        throw new ClusterException(
            "--context " + context + " given, but there is no kubeconfig (running in-cluster)");
      }
      config = parse(() -> inCluster(env, serviceAccount), "in-cluster ServiceAccount");
      return new ClusterTarget(tune(config), null, "cluster/in-cluster");
    } else {
      throw new ClusterException(
          "no kubeconfig found (looked at "
              + String.join(File.pathSeparator, kubeconfigFiles(env))
              + ") and not running in a cluster; give --kubeconfig FILE or set KUBECONFIG");
    }
    NamedContext current = config.getCurrentContext();
    if (context != null && (current == null || !context.equals(current.getName()))) {
      List<String> known =
          config.getContexts() == null
              ? List.of()
              : config.getContexts().stream()
                  .map(NamedContext::getName)
                  .filter(Objects::nonNull)
                  .sorted()
                  .toList();
      throw new ClusterException(
          "context \""
              + context
              + "\" not found in the kubeconfig; known contexts: "
              + (known.isEmpty() ? "none" : String.join(", ", known)));
    }
    if (current == null) {
      throw new ClusterException("the kubeconfig has no current-context; give --context NAME");
    }
    if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
      throw new ClusterException("context \"" + current.getName() + "\" names no cluster server");
    }
    return new ClusterTarget(tune(config), current.getName(), "cluster/" + current.getName());
  }

  /**
   * The pod's ServiceAccount, read as client-go's rest.InClusterConfig reads it: the API server
   * from KUBERNETES_SERVICE_HOST and _PORT, the mounted token, CA certificate and namespace. The
   * token is read once; a projected token is valid for an hour at least, longer than a scan.
   */
  private static Config inCluster(Function<String, String> env, Path serviceAccount) {
    String host = env.apply("KUBERNETES_SERVICE_HOST");
    String port = Objects.requireNonNullElse(env.apply("KUBERNETES_SERVICE_PORT"), "443");
    Path ca = serviceAccount.resolve("ca.crt");
    Path namespace = serviceAccount.resolve("namespace");
    try {
      return new ConfigBuilder(Config.empty())
          .withMasterUrl("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port)
          .withOauthToken(Files.readString(serviceAccount.resolve("token")).trim())
          .withCaCertFile(Files.isReadable(ca) ? ca.toString() : null)
          .withNamespace(Files.isReadable(namespace) ? Files.readString(namespace).trim() : null)
          .build();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * KUBECONFIG as kubectl reads it: a path list, or ~/.kube/config when unset. fabric8 reads the
   * same list (system property {@code kubeconfig} first, as it does), so both agree on the files.
   */
  static List<String> kubeconfigFiles(Function<String, String> env) {
    String value = System.getProperty("kubeconfig", env.apply("KUBECONFIG"));
    if (value == null || value.isBlank()) {
      return List.of(Path.of(System.getProperty("user.home"), ".kube", "config").toString());
    }
    return java.util.Arrays.stream(value.split(File.pathSeparator))
        .filter(s -> !s.isBlank())
        .toList();
  }

  private static Config parse(java.util.function.Supplier<Config> reader, String where) {
    try {
      return reader.get();
    } catch (RuntimeException e) {
      // fabric8 wraps YAML and file errors; keep its message, never a stack trace.
      throw new ClusterException("cannot read kubeconfig " + where + ": " + rootMessage(e), e);
    }
  }

  /** The same connection settings with the probe's quick retries. */
  Config probeConfig() {
    Config probe = new ConfigBuilder(config).build();
    probe.setRequestRetryBackoffLimit(PROBE_RETRIES);
    probe.setRequestRetryBackoffInterval(PROBE_RETRY_INTERVAL_MS);
    return probe;
  }

  private static Config tune(Config config) {
    config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
    config.setRequestTimeout((int) REQUEST_TIMEOUT.toMillis());
    config.setRequestRetryBackoffLimit(RETRIES);
    config.setRequestRetryBackoffInterval(RETRY_INTERVAL_MS);
    return config;
  }

  /**
   * The most telling message of a cause chain: a TLS failure's when there is one, else the deepest
   * cause that has a message.
   */
  static String rootMessage(Throwable e) {
    String deepest = null;
    Throwable last = e;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException && t.getMessage() != null) {
        return "TLS: " + t.getMessage();
      }
      if (t.getMessage() != null) {
        deepest = t.getMessage();
      }
      last = t;
    }
    return deepest != null ? deepest : last.getClass().getSimpleName();
  }
}
