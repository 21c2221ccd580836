package dev.kube4c.cli;

import dev.kube4c.cluster.ClusterReader;
import dev.kube4c.cluster.ClusterScan;
import dev.kube4c.cluster.ClusterTarget;
import dev.kube4c.config.Config;
import dev.kube4c.engine.Pipeline;
import dev.kube4c.engine.RuleProfile;
import dev.kube4c.engine.RuleSetup;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.images.CosignImageVerifier;
import dev.kube4c.images.DockerCredentials;
import dev.kube4c.images.ImageVerifier;
import dev.kube4c.images.OciClient;
import dev.kube4c.images.TrustedKey;
import dev.kube4c.report.ReportOptions;
import dev.kube4c.report.Reporter;
import dev.kube4c.report.Reporters;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.InputProblem;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kube4c scan}: the main job. */
@Command(
    name = "scan",
    description = "Scan manifests (files, folders, - for stdin) by the 4C model.",
    sortOptions = false)
final class ScanCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Files or folders to scan (recursive), or - for standard input.")
  List<String> paths = new ArrayList<>();

  @CommandLine.Mixin RuleOptions ruleOptions = new RuleOptions();

  @Option(
      names = "--node",
      arity = "0..1",
      fallbackValue = "/",
      paramLabel = "ROOT",
      description =
          "Node mode: read this node's component configuration and file modes below ROOT (default /), e.g. the host mounted into a Job.")
  String nodeRoot;

  @Option(
      names = {"-f", "--format"},
      defaultValue = "text",
      description = "text, json, sarif, junit, markdown or html (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = {"-o", "--output"},
      description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(
      names = "--fail-on",
      defaultValue = "high",
      description =
          "critical|high|medium|low|info|none: exit 1 when a finding is at least this severe (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Option(
      names = "--verify-images",
      description =
          "Verify cosign signatures of every image against its registry (needs --cosign-key).")
  boolean verifyImages;

  // Repeatable or comma-separated rather than arity 1..*, which would swallow the PATHs after it.
  @Option(
      names = "--cosign-key",
      split = ",",
      paramLabel = "FILE",
      description =
          "Trusted cosign public key, PEM (ECDSA, RSA, Ed25519), for --verify-images; repeat or separate with commas.")
  List<Path> cosignKeys = new ArrayList<>();

  @Option(
      names = "--no-input-policies",
      description =
          "Do not apply ValidatingAdmissionPolicies found among the scanned objects or in the cluster.")
  boolean noInputPolicies;

  @Option(
      names = "--images",
      description =
          "Scan every image for known vulnerabilities against the local OSV store (kube4c db import; no network for advisories).")
  boolean scanImages;

  @Option(
      names = "--db-dir",
      paramLabel = "DIR",
      description =
          "With --images: the advisory store (default: $KUBE4C_CACHE_DIR/db, else ~/.cache/kube4c/db), as given to 'kube4c db import --dir'.")
  Path dbDir;

  @Option(
      names = "--cluster",
      description =
          "Scan the live cluster of the kubeconfig context (or the in-cluster ServiceAccount) instead of files.")
  boolean cluster;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "With --cluster: the kubeconfig context (default: current-context).")
  String context;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "With --cluster: the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).")
  Path kubeconfig;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description =
          "With --cluster: only this namespace (cluster-scoped objects are still read). With PATHs: the release namespace of rendered Helm charts (default: default).")
  String namespace;

  @Option(
      names = {"-A", "--all-namespaces"},
      description = "With --cluster: all namespaces (the default).")
  boolean allNamespaces;

  @Option(
      names = "--request-timeout",
      paramLabel = "DURATION",
      description =
          "With --cluster: how long one API request may take, as kubectl writes it (30s, 2m, 1h; a bare number is seconds; default 60s). A kind whose LIST times out is reported as partial.")
  String requestTimeout;

  @Option(
      names = "--no-color",
      description = "No ANSI colours (also when NO_COLOR is set or output is not a terminal).")
  boolean noColor;

  @Option(names = "--quiet", description = "Text format: print only the summary.")
  boolean quiet;

  @Option(
      names = "--verbose",
      description = "List skipped files and show details of internal errors.")
  boolean verbose;

  @CommandLine.Mixin RenderMixin render = new RenderMixin();

  /** For benchmarks: read and index the inputs, run no rule (the floor a scan cannot beat). */
  @Option(names = "--parse-only", hidden = true)
  boolean parseOnly;

  /** For benchmarks: print each stage's and each rule's time to standard error. */
  @Option(names = "--profile-rules", hidden = true)
  boolean profileRules;

  /**
   * For benchmarks and tests: scan inputs of more than this many MiB a namespace at a time (see
   * {@link Pipeline#streamAboveBytes()}); 0: always.
   */
  @Option(names = "--stream-above-mb", hidden = true)
  Long streamAboveMb;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Severity threshold = parseFailOn();
    ruleOptions.layers(); // a wrong --layer is a usage error before anything is read
    Reporter reporter =
        new Reporters()
            .find(format)
            .orElseThrow(() -> usage("--format must be one of " + new Reporters().formats()));
    checkClusterOptions();
    if (paths.isEmpty() && nodeRoot == null && !cluster) {
      throw usage(
          "give at least one PATH to scan (a file, a folder, or - for standard input), or --cluster");
    }

    List<InputProblem> problems = new ArrayList<>();
    RuleSetup setup = ruleOptions.setup(imageVerifier(), problems);
    ScanRequest request = setup.request();
    if (scanImages) {
      request = request.withImageScanner(imageScanner(request.config()));
    }
    RuleProfile profile = profileRules ? new RuleProfile() : null;
    Pipeline pipeline =
        new Pipeline(
            setup.catalogue(),
            PolicyInputs.fromInputs(!noInputPolicies),
            profile,
            streamAboveMb == null ? Pipeline.streamAboveBytes() : streamAboveMb << 20);
    if (parseOnly) {
      request = request.withNoRules();
    }

    if (nodeRoot != null && !Files.isDirectory(Path.of(nodeRoot))) {
      throw usage("--node root " + nodeRoot + " is not a folder");
    }
    ScanResult result;
    try {
      result =
          cluster
              ? scanCluster(pipeline, request, problems)
              : nodeRoot != null
                  ? pipeline.scanNode(Path.of(nodeRoot), paths, System.in, request, problems)
                  : pipeline.scanPaths(
                      paths, System.in, request, problems, render.renderer(namespace, spec));
    } finally {
      if (request.imageScanner() != null) {
        request.imageScanner().close(); // its download threads
      }
    }
    RuleProfile.Mark reporting = profile == null ? null : profile.start();
    boolean toTerminal = output == null && System.console() != null;
    ReportOptions options =
        new ReportOptions(
            toTerminal && !noColor && System.getenv("NO_COLOR") == null, verbose, quiet);
    if (output != null) {
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
        reporter.write(result, options, file);
      }
    } else {
      PrintWriter writer = spec.commandLine().getOut();
      reporter.write(result, options, writer);
      writer.flush();
    }
    if (profile != null) {
      profile.stage("report (" + format + ")", reporting);
      profile.print(err);
    }
    if (!format.equals("text") || output != null || quiet) {
      // Problems always reach the terminal, whatever the report format.
      result.errors().forEach(e -> err.println("error: " + e));
    }
    if (verbose) {
      result.notes().forEach(n -> err.println("note: " + n));
    } else if (cluster) {
      // A kind we could not list is a hole in the scan; say so even without --verbose.
      result.notes().stream()
          .filter(n -> n.startsWith("coverage gap"))
          .forEach(n -> err.println("warning: " + n));
    }
    if (!verbose) {
      // stale or missing advisory data (--images) must be seen even without --verbose
      result.notes().stream().filter(n -> n.startsWith("warning: ")).forEach(err::println);
    }
    err.flush();
    return result.exitCode(threshold);
  }

  /**
   * Null unless --verify-images; bad key files are usage errors (exit 2) before anything is
   * scanned.
   */
  private ImageVerifier imageVerifier() {
    if (!verifyImages) {
      if (!cosignKeys.isEmpty()) {
        throw usage("--cosign-key is only used with --verify-images");
      }
      return null;
    }
    if (cosignKeys.isEmpty()) {
      throw usage(
          "--verify-images needs at least one --cosign-key FILE (keyless verification is not supported yet)");
    }
    List<TrustedKey> keys = new ArrayList<>();
    for (Path file : cosignKeys) {
      try {
        keys.add(TrustedKey.load(file));
      } catch (IOException e) {
        throw usage(
            "cannot use cosign key: "
                + (e instanceof java.nio.file.NoSuchFileException
                    ? file + " does not exist"
                    : e.getMessage()));
      }
    }
    return new CosignImageVerifier(
        new OciClient(DockerCredentials.fromEnvironment(), Duration.ofSeconds(20)), keys);
  }

  /** The image vulnerability scan of --images: the built-in image reader and the local store. */
  private dev.kube4c.vuln.ImageScanner imageScanner(Config settings) {
    return new dev.kube4c.vuln.ImageScanner(
        dev.kube4c.vuln.SbomReaders.builtIn(),
        new dev.kube4c.vuln.db.AdvisoryStore(
            dbDir != null ? dbDir : dev.kube4c.vuln.db.AdvisoryStore.defaultDir(System.getenv())),
        Duration.ofDays(settings.advisoryMaxAgeDays()),
        4,
        ImageProgress.forTerminal(quiet));
  }

  private void checkClusterOptions() {
    if (!cluster
        && (context != null || kubeconfig != null || allNamespaces || requestTimeout != null)) {
      throw usage(
          "--context, --kubeconfig, --all-namespaces and --request-timeout need" + " --cluster");
    }
    if (cluster && !paths.isEmpty()) {
      throw usage("give PATHs or --cluster, not both");
    }
    if (namespace != null && allNamespaces) {
      throw usage("give --namespace or --all-namespaces, not both");
    }
    requestTimeout(); // a bad duration is a usage error before any connection is tried
  }

  private ScanResult scanCluster(
      Pipeline pipeline, ScanRequest request, List<InputProblem> problems) {
    // A ClusterException (no kubeconfig, unknown context, unreachable server) ends the run with
    // exit 2 and its message.
    ClusterTarget target = ClusterTarget.resolve(kubeconfig, context);
    ClusterReader.Listener progress = ClusterProgress.forTerminal(quiet);
    try {
      return new ClusterScan(pipeline.scanner())
          .scan(
              target,
              request,
              problems,
              new ClusterScan.Options(
                  namespace, ClusterReader.DEFAULT_PAGE_SIZE, requestTimeout(), progress));
    } finally {
      if (progress instanceof AutoCloseable closeable) {
        closeQuietly(closeable);
      }
    }
  }

  private static final java.util.regex.Pattern DURATION =
      java.util.regex.Pattern.compile("(\\d{1,9})([smh]?)");

  /** {@code --request-timeout}: 30s, 2m, 1h, or a bare number of seconds; above zero. */
  private Duration requestTimeout() {
    if (requestTimeout == null) {
      return ClusterTarget.REQUEST_TIMEOUT;
    }
    java.util.regex.Matcher m = DURATION.matcher(requestTimeout.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw usage(
          "--request-timeout "
              + requestTimeout
              + ": give a duration above zero such as 30s, 2m or 1h");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // the progress bar only draws; nothing to report
    }
  }

  private Severity parseFailOn() {
    if (failOn.equalsIgnoreCase("none")) {
      return null;
    }
    try {
      return Severity.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw usage("--fail-on must be critical, high, medium, low, info or none");
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
