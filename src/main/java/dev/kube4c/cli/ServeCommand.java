package dev.kube4c.cli;

import dev.kube4c.admission.AccessLog;
import dev.kube4c.admission.AdmissionJudge;
import dev.kube4c.admission.ClusterContext;
import dev.kube4c.admission.ImageGate;
import dev.kube4c.admission.InformerContext;
import dev.kube4c.admission.Mode;
import dev.kube4c.admission.WebhookMetrics;
import dev.kube4c.admission.WebhookServer;
import dev.kube4c.cluster.ClusterTarget;
import dev.kube4c.engine.RuleSetup;
import dev.kube4c.images.CosignImageVerifier;
import dev.kube4c.images.DockerCredentials;
import dev.kube4c.images.OciClient;
import dev.kube4c.images.TrustedKey;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.InputProblem;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kube4c serve}: the same rules as {@code scan}, as a validating admission webhook. */
@Command(
    name = "serve",
    description =
        "Run the rules as a validating admission webhook: HTTPS POST /validate (AdmissionReview v1), /healthz, /readyz, /metrics.",
    sortOptions = false)
final class ServeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin RuleOptions ruleOptions = new RuleOptions();

  @Option(
      names = "--tls-cert",
      required = true,
      paramLabel = "FILE",
      description = "PEM certificate chain; read again when it changes.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      required = true,
      paramLabel = "FILE",
      description = "PEM private key (PKCS#8, PKCS#1 or SEC1); read again when it changes.")
  Path tlsKey;

  @Option(
      names = "--address",
      defaultValue = "0.0.0.0",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String address;

  @Option(
      names = "--port",
      defaultValue = "8443",
      description = "HTTPS port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--mode",
      defaultValue = "enforce",
      description =
          "enforce|warn|audit for namespaces without a kube4c.dev/mode label (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(
      names = "--deny-on",
      defaultValue = "high",
      description =
          "critical|high|medium|low|info: findings at least this severe deny (enforce), warn or are audited (default: ${DEFAULT-VALUE}).")
  String denyOn;

  @Option(
      names = "--judge-controlled-pods",
      description =
          "Also judge objects that a controller creates (pods of a Deployment, ...); by default they are judged once, at the controller's level.")
  boolean judgeControlledPods;

  @Option(
      names = "--deny-existing-findings",
      description =
          "On UPDATE, also deny for findings that the old object already had (by default they only warn, so existing workloads can still be scaled or labelled).")
  boolean denyExistingFindings;

  @Option(
      names = "--verify-images",
      description = "Enforce cosign signatures of pod images (needs --cosign-key).")
  boolean verifyImages;

  @Option(
      names = "--cosign-key",
      split = ",",
      paramLabel = "FILE",
      description =
          "Trusted cosign public key (PEM) for --verify-images; repeat or separate with commas.")
  List<Path> cosignKeys = new ArrayList<>();

  @Option(
      names = "--image-budget",
      defaultValue = "3s",
      paramLabel = "DURATION",
      description =
          "Longest wait for image verification per request, well inside the webhook timeout (default: ${DEFAULT-VALUE}).")
  String imageBudget;

  @Option(
      names = "--image-failure",
      defaultValue = "closed",
      description =
          "closed|open: deny or allow (with a warning) when an image cannot be verified; a namespace label kube4c.dev/image-verification=fail-open|fail-closed overrides it (default: ${DEFAULT-VALUE}).")
  String imageFailure;

  @Option(
      names = "--no-cluster",
      description =
          "Do not watch the cluster: rules that read other objects are not run, and answers say so.")
  boolean noCluster;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "Kubeconfig for the context cache (default: in-cluster ServiceAccount, $KUBECONFIG, ~/.kube/config).")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Kubeconfig context for the context cache.")
  String context;

  @Option(
      names = "--cache-limit",
      defaultValue = "200000",
      description =
          "Most objects the context cache holds; a kind beyond it counts as not loaded (default: ${DEFAULT-VALUE}).")
  int cacheLimit;

  @Option(
      names = "--cert-reload",
      defaultValue = "10s",
      paramLabel = "DURATION",
      description =
          "How often to check the certificate files for changes (default: ${DEFAULT-VALUE}).")
  String certReload;

  @Option(
      names = "--shutdown-grace",
      defaultValue = "20s",
      paramLabel = "DURATION",
      description =
          "How long in-flight requests may take to finish on SIGTERM (default: ${DEFAULT-VALUE}).")
  String shutdownGrace;

  @Option(
      names = "--workers",
      defaultValue = "16",
      description = "Threads that judge requests (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--no-access-log",
      description = "Do not write a JSON line per request to standard output.")
  boolean noAccessLog;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Mode defaultMode =
        Mode.parse(mode).orElseThrow(() -> usage("--mode must be enforce, warn or audit"));
    Severity threshold;
    try {
      threshold = Severity.parse(denyOn);
    } catch (IllegalArgumentException e) {
      throw usage("--deny-on must be critical, high, medium, low or info");
    }
    // Durations are checked before anything starts, whether or not their feature is on.
    duration("--image-budget", imageBudget);
    Duration reload = duration("--cert-reload", certReload);
    Duration grace = duration("--shutdown-grace", shutdownGrace);
    if (!imageFailure.equals("closed") && !imageFailure.equals("open")) {
      throw usage("--image-failure must be closed or open");
    }
    for (Path file : List.of(tlsCert, tlsKey)) {
      if (!Files.isReadable(file)) {
        throw usage("cannot read " + file);
      }
    }
    List<InputProblem> problems = new ArrayList<>();
    RuleSetup setup = ruleOptions.setup(null, problems);
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println("error: " + p));
      err.flush();
      return 2; // a webhook with a broken configuration would judge by other rules than asked
    }
    ImageGate images = imageGate();
    AccessLog log =
        noAccessLog
            ? AccessLog.off()
            : new AccessLog(
                new com.fasterxml.jackson.databind.ObjectMapper(), System.out, Clock.systemUTC());
    KubernetesClient client = null;
    ClusterContext cluster = ClusterContext.NONE;
    if (!noCluster) {
      client =
          new KubernetesClientBuilder()
              .withConfig(ClusterTarget.resolve(kubeconfig, context).config())
              .build();
      cluster = InformerContext.start(client, cacheLimit);
    }
    ClusterContext watched = cluster;
    WebhookMetrics metrics =
        new WebhookMetrics(watched::size, () -> images == null ? 0 : images.size());
    AdmissionJudge judge =
        new AdmissionJudge(
            setup,
            cluster,
            images,
            new AdmissionJudge.Policy(
                defaultMode,
                threshold,
                judgeControlledPods,
                AdmissionJudge.Policy.CONTROLLER_USERS,
                denyExistingFindings,
                imageFailure.equals("closed")),
            Clock.systemUTC());
    WebhookServer server =
        new WebhookServer(
            judge,
            cluster,
            metrics,
            log,
            new WebhookServer.Options(
                address, port, tlsCert, tlsKey, reload, WebhookServer.Options.MAX_BODY, workers));
    try {
      server.start();
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      if (client != null) {
        client.close();
      }
      if (images != null) {
        images.close();
      }
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    KubernetesClient toClose = client;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop(grace);
                  if (images != null) {
                    images.close();
                  }
                  if (toClose != null) {
                    toClose.close();
                  }
                  stopped.countDown();
                },
                "kube4c-shutdown"));
    stopped.await();
    return 0;
  }

  private ImageGate imageGate() {
    if (!verifyImages) {
      if (!cosignKeys.isEmpty()) {
        throw usage("--cosign-key is only used with --verify-images");
      }
      return null;
    }
    if (cosignKeys.isEmpty()) {
      throw usage("--verify-images needs at least one --cosign-key FILE");
    }
    List<TrustedKey> keys = new ArrayList<>();
    for (Path file : cosignKeys) {
      try {
        keys.add(TrustedKey.load(file));
      } catch (IOException e) {
        throw usage("cannot use cosign key: " + file + ": " + e.getMessage());
      }
    }
    Duration budget = duration("--image-budget", imageBudget);
    OciClient client = new OciClient(DockerCredentials.fromEnvironment(), budget);
    return new ImageGate(
        () -> new CosignImageVerifier(client, keys),
        budget,
        Duration.ofMinutes(5),
        Duration.ofHours(1),
        Clock.systemUTC());
  }

  private static final java.util.regex.Pattern DURATION =
      java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m)?");

  private Duration duration(String option, String text) {
    java.util.regex.Matcher m = DURATION.matcher(text.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw usage(option + " " + text + ": give a duration above zero such as 500ms, 3s or 1m");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
