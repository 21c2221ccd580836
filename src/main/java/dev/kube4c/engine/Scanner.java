package dev.kube4c.engine;

import dev.kube4c.concurrent.ParallelMap;
import dev.kube4c.findings.Exceptions;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.findings.Scores;
import dev.kube4c.findings.Suppressed;
import dev.kube4c.images.ImageTrust;
import dev.kube4c.inventory.ClusterScope;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.PartitionedInventory;
import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.ResourceRef;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Scope;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.InputSummary;
import dev.kube4c.source.Location;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rules stage of the pipeline: runs the selected rules over an inventory (in parallel, one rule
 * per task), applies exceptions and severity overrides, orders the findings and scores them. A rule
 * that fails is reported as an error of the scan; it never takes the others down.
 */
public final class Scanner {

  public static final String VERSION =
      Optional.ofNullable(Scanner.class.getPackage().getImplementationVersion())
          .orElse("0.1.0-dev");

  private static final int SEQUENTIAL_BELOW = 32;

  private final RuleCatalogue catalogue;
  private final InputRules inputRules;
  private final RuleProfile profile; // null unless --profile-rules

  /**
   * Rules that the scanned objects bring with them (admission policies among the inputs), made once
   * per scan from the inventory (the cluster-wide index for a live cluster).
   */
  @FunctionalInterface
  public interface InputRules {
    InputRules NONE = (inventory, knownIds, problems) -> List.of();

    List<Rule> from(Inventory inventory, Set<String> knownIds, List<InputProblem> problems);
  }

  public Scanner(RuleCatalogue catalogue) {
    this(catalogue, InputRules.NONE, null);
  }

  public Scanner(RuleCatalogue catalogue, InputRules inputRules) {
    this(catalogue, inputRules, null);
  }

  /** A scanner that records each rule's time in {@code profile} (null: none). */
  public Scanner(RuleCatalogue catalogue, InputRules inputRules, RuleProfile profile) {
    this.catalogue = catalogue;
    this.inputRules = inputRules;
    this.profile = profile;
  }

  public List<Rule> selectedRules(ScanRequest request) {
    return catalogue.all().stream()
        .filter(r -> request.selects(r.metadata().id(), r.metadata().layer()))
        .toList();
  }

  /** Rule ids named in --rule/--exclude-rule that the catalogue does not have. */
  public List<String> unknownRuleIds(ScanRequest request) {
    Set<String> known = new HashSet<>();
    catalogue.all().forEach(r -> known.add(r.metadata().id()));
    Set<String> named = new HashSet<>(request.onlyRules());
    named.addAll(request.excludedRules());
    return ScanRequest.unknownIds(named, known);
  }

  public ScanResult scan(
      Inventory inventory,
      ScanRequest request,
      List<InputSummary> inputs,
      List<InputProblem> extraErrors,
      List<String> notes) {
    RuleProfile.Mark started = profile == null ? null : profile.start();
    Prepared run = prepare(inventory, request);
    RuleProfile.Mark prepared = profile == null ? null : profile.start();
    List<Finding> raw = runAll(run.rules(), run.context(), request, run.ruleErrors());
    RuleProfile.Mark ran = profile == null ? null : profile.start();
    Exceptions exceptions = new Exceptions(request.config(), inventory, request.today());
    ScanResult result =
        result(raw, exceptions, run, inputs, extraErrors, inventory.resources().size(), notes);
    if (profile != null) {
      profile.stage("policies of the inputs compiled, images checked", started, prepared);
      profile.stage("rules (parallel)", prepared, ran);
      profile.stage("exceptions, sort, scores", ran);
    }
    return result;
  }

  /**
   * Scans a cluster held a namespace at a time: {@link Scope#CLUSTER} rules run once on the
   * cluster-wide index; {@link Scope#NAMESPACE} rules run on the cluster-scoped objects and then on
   * each namespace, read back from disk, keeping only the findings on that part's own objects.
   * Parts run side by side, one per core, their rules one after the other: memory holds the index,
   * a namespace per core and the findings.
   */
  public ScanResult scanPartitioned(
      PartitionedInventory cluster,
      ScanRequest request,
      List<InputSummary> inputs,
      List<InputProblem> extraErrors,
      List<String> notes) {
    RuleProfile.Mark started = profile == null ? null : profile.start();
    Prepared run = prepare(cluster.clusterWide(), request);
    RuleProfile.Mark prepared = profile == null ? null : profile.start();
    List<Finding> raw =
        new ArrayList<>(
            runAll(
                run.rules().stream().filter(r -> r.scope() == Scope.CLUSTER).toList(),
                run.context(),
                request,
                run.ruleErrors()));
    RuleProfile.Mark clusterWide = profile == null ? null : profile.start();
    List<Rule> perNamespace =
        run.rules().stream().filter(r -> r.scope() == Scope.NAMESPACE).toList();
    List<String> parts = new ArrayList<>();
    parts.add(null); // the cluster-scoped objects
    parts.addAll(cluster.namespaces());
    List<Part> done =
        ParallelMap.map(
            parts,
            cluster::bytesOf,
            namespace ->
                runPart(
                    namespace == null ? cluster.clusterScoped() : cluster.namespace(namespace),
                    namespace,
                    perNamespace,
                    request,
                    run));
    List<Resource> annotated = new ArrayList<>();
    for (Part part : done) {
      raw.addAll(part.findings());
      annotated.addAll(part.annotated());
    }
    RuleProfile.Mark ran = profile == null ? null : profile.start();
    Exceptions exceptions = new Exceptions(request.config(), annotated, request.today());
    ScanResult result =
        result(raw, exceptions, run, inputs, extraErrors, cluster.objectCount(), notes);
    if (profile != null) {
      profile.stage("policies of the inputs compiled, images checked", started, prepared);
      profile.stage("cluster-wide rules (parallel)", prepared, clusterWide);
      profile.stage("namespaces read back, their rules (parallel)", clusterWide, ran);
      profile.stage("exceptions, sort, scores", ran);
    }
    return result;
  }

  /** A part's own findings and its objects that carry an ignore annotation. */
  private record Part(List<Finding> findings, List<Resource> annotated) {}

  /**
   * What every scan settles before its rules run: image verdicts (when asked for), the context on
   * the inventory (the cluster-wide index for a partitioned scan), the active rules, and where rule
   * failures go.
   */
  private record Prepared(
      ImageTrust images,
      java.time.Duration verifying,
      dev.kube4c.vuln.ImageVulnerabilities vulnerabilities,
      RuleContext context,
      List<Rule> rules,
      List<InputProblem> ruleErrors) {}

  private Prepared prepare(Inventory inventory, ScanRequest request) {
    List<Rule> selected = new ArrayList<>(selectedRules(request));
    List<InputProblem> ruleErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    Set<String> known = new HashSet<>();
    catalogue.all().forEach(r -> known.add(r.metadata().id()));
    inputRules.from(inventory, known, ruleErrors).stream()
        .filter(r -> request.selects(r.metadata().id(), r.metadata().layer()))
        .forEach(selected::add);
    long started = System.nanoTime();
    ImageTrust images = verifyImages(inventory, request, selected);
    java.time.Duration verifying = java.time.Duration.ofNanos(System.nanoTime() - started);
    dev.kube4c.vuln.ImageVulnerabilities vulnerabilities =
        dev.kube4c.vuln.VulnerabilityStage.run(inventory, request.imageScanner(), selected);
    RuleContext context =
        new RuleContext(
            inventory,
            request.config(),
            request.today(),
            images,
            request.admission(),
            vulnerabilities);
    return new Prepared(
        images,
        verifying,
        vulnerabilities,
        context,
        selected.stream().filter(r -> r.isActive(context)).toList(),
        ruleErrors);
  }

  /**
   * Runs the per-namespace rules on one part ({@code namespace} null for the cluster-scoped
   * objects), one after the other (parts run in parallel), and keeps the findings on the part's own
   * objects: a rule may look at the cluster-wide index, but each finding is taken from the one part
   * whose objects it is about.
   */
  private Part runPart(
      Inventory part, String namespace, List<Rule> rules, ScanRequest request, Prepared run) {
    RuleContext context =
        new RuleContext(
            part,
            request.config(),
            request.today(),
            run.images(),
            request.admission(),
            run.vulnerabilities());
    List<Finding> own = new ArrayList<>();
    for (Rule rule : rules) {
      for (Finding finding : run(rule, context, request, run.ruleErrors())) {
        if (belongsTo(finding.resource(), namespace)) {
          own.add(finding);
        }
      }
    }
    return new Part(own, part.resources().stream().filter(Exceptions::carriesIgnore).toList());
  }

  /** Whether the finding's object is one of the part's own: see runPart. */
  private static boolean belongsTo(ResourceRef ref, String namespace) {
    if (ref == null) {
      return namespace == null; // findings on the configuration or the input: once
    }
    if (ClusterScope.isClusterScoped(ref.kind())) {
      return ref.kind().equals("Namespace") ? ref.name().equals(namespace) : namespace == null;
    }
    String own = ref.namespace() == null || ref.namespace().isEmpty() ? "default" : ref.namespace();
    return own.equals(namespace);
  }

  private List<Finding> runAll(
      List<Rule> rules, RuleContext context, ScanRequest request, List<InputProblem> ruleErrors) {
    // A handful of objects (one admitted object and its context): forking costs more than the
    // rules, and under concurrent admission requests the common pool would be the bottleneck.
    if (context.inventory().resources().size() < SEQUENTIAL_BELOW) {
      return rules.stream()
          .flatMap(rule -> run(rule, context, request, ruleErrors).stream())
          .toList();
    }
    List<Finding> all = new ArrayList<>();
    ParallelMap.map(rules, rule -> run(rule, context, request, ruleErrors)).forEach(all::addAll);
    return all;
  }

  /** Applies exceptions, orders findings and errors, and scores. */
  private static ScanResult result(
      List<Finding> raw,
      Exceptions exceptions,
      Prepared run,
      List<InputSummary> inputs,
      List<InputProblem> extraErrors,
      int objects,
      List<String> notes) {
    List<InputProblem> errors = new ArrayList<>(run.context().inventory().problems());
    errors.addAll(extraErrors);
    errors.addAll(run.ruleErrors());
    errors.addAll(run.images().problems());
    errors.addAll(run.vulnerabilities().problems());
    List<Rule> rules = run.rules();
    List<Finding> findings = new ArrayList<>();
    List<Suppressed> suppressed = new ArrayList<>();
    for (Finding finding : raw) {
      Optional<Suppressed.Exemption> exemption = exceptions.exemptionFor(finding);
      if (exemption.isPresent()) {
        suppressed.add(new Suppressed(finding, exemption.get()));
      } else {
        findings.add(finding);
      }
    }
    findings.sort(ORDER);
    suppressed.sort(Comparator.comparing(Suppressed::finding, ORDER));
    errors.sort(
        Comparator.comparing((InputProblem p) -> p.location().file())
            .thenComparingInt(p -> p.location().line())
            .thenComparingInt(p -> p.location().column())
            .thenComparing(InputProblem::message));
    return new ScanResult(
        VERSION,
        Instant.now(),
        inputs,
        objects,
        rules.size(),
        List.copyOf(findings),
        List.copyOf(suppressed),
        List.copyOf(errors),
        Scores.of(findings, objects),
        withVulnerabilityNotes(
            withImageSummary(notes, run.images(), run.verifying()), run.vulnerabilities()),
        rules.stream().map(Rule::metadata).toList());
  }

  private static List<String> withImageSummary(
      List<String> notes, ImageTrust images, java.time.Duration took) {
    if (!images.enabled()) {
      return notes;
    }
    List<String> all = new ArrayList<>(notes);
    all.add(images.summary(took));
    return all;
  }

  private static List<String> withVulnerabilityNotes(
      List<String> notes, dev.kube4c.vuln.ImageVulnerabilities vulnerabilities) {
    if (vulnerabilities.notes().isEmpty()) {
      return notes;
    }
    List<String> all = new ArrayList<>(notes);
    all.addAll(vulnerabilities.notes());
    return all;
  }

  /** Image verification talks to registries, so it runs only when asked for and a rule needs it. */
  private static ImageTrust verifyImages(
      Inventory inventory, ScanRequest request, List<Rule> selected) {
    if (request.imageVerifier() == null
        || selected.stream().noneMatch(r -> r.metadata().id().startsWith("image-signature-"))) {
      return ImageTrust.OFF;
    }
    Set<String> images = new java.util.TreeSet<>();
    inventory.workloads().forEach(w -> w.containers().forEach(c -> images.add(c.image())));
    images.remove("");
    return request.imageVerifier().verify(images);
  }

  private List<Finding> run(
      Rule rule, RuleContext context, ScanRequest request, List<InputProblem> errors) {
    RuleMetadata metadata = rule.metadata();
    Severity override =
        Optional.ofNullable(request.config().severity().get(metadata.id()))
            .map(Scanner::severityOrNull)
            .orElse(null);
    List<Finding> found = new ArrayList<>();
    Set<FindingKey> seen = new HashSet<>();
    boolean perMessage = rule.findingPerMessage();
    FindingSink sink =
        new FindingSink() {
          @Override
          public void report(
              ResourceRef resource, Location location, String message, Severity severity) {
            report(resource, location, message, severity, null);
          }

          @Override
          public void report(
              ResourceRef resource,
              Location location,
              String message,
              Severity severity,
              java.util.Map<String, List<String>> about) {
            // One finding per (rule, object, container): the first message wins (per message for
            // rules that say so). Two documents with the same kind/namespace/name in different
            // files (overlays, per-environment copies) are two objects of the input, so the
            // object's location is part of its identity.
            if (resource == null
                || seen.add(FindingKey.of(resource, location, perMessage ? message : null))) {
              Severity effective =
                  override != null ? override : severity != null ? severity : metadata.severity();
              found.add(Finding.of(metadata, effective, message, resource, location, about));
            }
          }
        };
    RuleProfile.Mark started = profile == null ? null : profile.start();
    try {
      rule.check(context, sink);
      if (profile != null) {
        profile.rule(metadata.id(), started, found.size());
      }
    } catch (RuntimeException e) {
      errors.add(
          new InputProblem(
              Location.of("(rule " + metadata.id() + ")"),
              "internal error in rule " + metadata.id() + ": " + e));
    }
    return found;
  }

  /**
   * What makes two findings of one rule the same finding (see run); no strings built per finding.
   */
  private record FindingKey(
      String kind,
      String namespace,
      String name,
      String container,
      Location location,
      String message) {
    static FindingKey of(ResourceRef ref, Location location, String message) {
      String namespace =
          ref.namespace() == null || ref.namespace().isEmpty() ? null : ref.namespace();
      return new FindingKey(ref.kind(), namespace, ref.name(), ref.container(), location, message);
    }

    /**
     * Written out: a record's own hashCode goes through method handles, which C1 leaves slow (0.1
     * CPU-s of a 100k-object scan, one call per finding). Equal keys hash alike: it reads a subset
     * of what equals compares.
     */
    @Override
    public int hashCode() {
      int h = Objects.hashCode(kind);
      h = 31 * h + Objects.hashCode(namespace);
      h = 31 * h + Objects.hashCode(name);
      h = 31 * h + Objects.hashCode(container);
      h =
          31 * h
              + (location == null ? 0 : 31 * Objects.hashCode(location.file()) + location.line());
      return 31 * h + Objects.hashCode(message);
    }
  }

  private static Severity severityOrNull(String text) {
    try {
      return Severity.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Severity, then layer (outermost first), then file location, then rule and resource: stable
   * across runs. Written out rather than chained: sorting is a large share of big scans, and most
   * comparisons meet the same (shared) file name string.
   */
  public static final Comparator<Finding> ORDER = Scanner::compareFindings;

  private static int compareFindings(Finding a, Finding b) {
    int c = a.severity().compareTo(b.severity());
    if (c == 0) {
      c = a.layer().compareTo(b.layer());
    }
    if (c == 0) {
      c =
          compareText(
              a.location() == null ? "\uffff" : a.location().file(),
              b.location() == null ? "\uffff" : b.location().file());
    }
    if (c == 0) {
      c =
          Integer.compare(
              a.location() == null ? 0 : a.location().line(),
              b.location() == null ? 0 : b.location().line());
    }
    if (c == 0) {
      c =
          Integer.compare(
              a.location() == null ? 0 : a.location().column(),
              b.location() == null ? 0 : b.location().column());
    }
    if (c == 0) {
      c = compareText(a.ruleId(), b.ruleId());
    }
    if (c == 0) {
      c =
          compareText(
              a.resource() == null ? "" : a.resource().display(),
              b.resource() == null ? "" : b.resource().display());
    }
    if (c == 0) {
      c = compareText(containerOf(a), containerOf(b));
    }
    return c != 0 ? c : compareText(a.message(), b.message());
  }

  private static String containerOf(Finding f) {
    return f.resource() == null || f.resource().container() == null ? "" : f.resource().container();
  }

  private static int compareText(String a, String b) {
    return a == b ? 0 : a.compareTo(b);
  }
}
