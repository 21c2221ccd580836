package dev.kube4c.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.engine.RuleSetup;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.engine.Scanner;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.images.ImageTrust;
import dev.kube4c.images.ImageVerdict;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.PodSpecs;
import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.ResourceRef;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.RequestAttributes;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.Document;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.Location;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Judges one admission request with the same rule set as {@code scan} (built by {@link RuleSetup}):
 * the object joins the cached context of its namespace, the rules run, and the findings on the
 * object decide by the namespace's {@link Mode} and the deny threshold. Never throws for a request;
 * what cannot be judged is said in the answer.
 */
public final class AdmissionJudge {

  /**
   * How findings become answers.
   *
   * @param defaultMode the mode of namespaces without a {@code kube4c.dev/mode} label
   * @param denyOn findings at or above this severity deny (enforce), warn or are audited
   * @param judgeControlledPods judge objects made by a controller again (default: judged once, at
   *     the controller's level)
   * @param controllerUsers who may create objects on a controller's behalf, as globs ({@code *})
   * @param denyExistingFindings on UPDATE, also deny for findings the old object already had
   * @param imageFailClosed deny when an image cannot be verified (registry unreachable, time budget
   *     spent), unless the namespace says {@code kube4c.dev/image-verification: fail-open}
   */
  public record Policy(
      Mode defaultMode,
      Severity denyOn,
      boolean judgeControlledPods,
      List<String> controllerUsers,
      boolean denyExistingFindings,
      boolean imageFailClosed) {

    public static final List<String> CONTROLLER_USERS =
        List.of("system:serviceaccount:kube-system:*", "system:kube-controller-manager");

    public static Policy defaults() {
      return new Policy(Mode.ENFORCE, Severity.HIGH, false, CONTROLLER_USERS, false, true);
    }

    public Policy {
      controllerUsers = List.copyOf(controllerUsers);
    }
  }

  public static final String IMAGE_FAILURE_LABEL = "kube4c.dev/image-verification";

  /** Subresources whose object is a workload that rules judge; others are allowed unjudged. */
  private static final Set<String> JUDGED_SUBRESOURCES = Set.of("ephemeralcontainers");

  private final RuleSetup setup;
  private final Scanner scanner;
  private final ClusterContext context;
  private final ImageGate images;
  private final Policy policy;
  private final Clock clock;
  private final List<Pattern> controllerUsers;
  private final ContextKinds contextKinds;
  private final boolean judgesEveryKind;

  /** {@code images} is null when image signatures are not enforced. */
  public AdmissionJudge(
      RuleSetup setup, ClusterContext context, ImageGate images, Policy policy, Clock clock) {
    this.setup = setup;
    this.scanner = setup.scanner();
    this.context = context;
    this.images = images;
    this.policy = policy;
    this.clock = clock;
    this.controllerUsers = policy.controllerUsers().stream().map(AdmissionJudge::glob).toList();
    this.contextKinds =
        ContextKinds.of(
            scanner.selectedRules(setup.request()).stream().map(r -> r.metadata()).toList());
    // A ValidatingAdmissionPolicy may match any kind, so with policies loaded none is let through
    // on the fast path; each policy's own match constraints decide.
    this.judgesEveryKind =
        scanner.selectedRules(setup.request()).stream()
            .anyMatch(r -> r instanceof dev.kube4c.policy.PolicyRule);
  }

  public Decision judge(AdmissionRequest review) {
    RequestAttributes request = review.attributes();
    if (request.operation().equals("DELETE") || request.operation().equals("CONNECT")) {
      return Decision.skipped(request.operation() + " is always allowed");
    }
    if (request.subResource() != null && !JUDGED_SUBRESOURCES.contains(request.subResource())) {
      return Decision.skipped("subresource " + request.subResource() + " is not judged");
    }
    if (review.object() == null) {
      return Decision.invalid(
          "kube4c: the " + request.operation() + " request has no object to judge");
    }
    Resource object = admitted(review.object(), request);
    if (!judgesEveryKind && !JudgedKinds.judges(object)) {
      return Decision.skipped("no kube4c rule judges kind " + object.kind());
    }
    if (!policy.judgeControlledPods() && madeByController(object, request.userName())) {
      return Decision.skipped("made by a controller; judged at the controller's level");
    }
    String namespace = object.effectiveNamespace();
    Mode mode =
        namespaceLabel(namespace, Mode.LABEL).flatMap(Mode::parse).orElse(policy.defaultMode());
    Set<String> missing = context.missingKinds();
    Set<String> notRun = contextKinds.rulesNotRun(missing);
    ScanRequest rules =
        setup.request().forAdmission(request, LocalDate.now(clock)).excluding(notRun);

    List<String> blocking = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Resource old = oldObject(request, namespace);
    ImageTrust trust = verifyImages(object, old);
    rules = rules.withImageVerifier(trust.enabled() ? ignored -> trust : null);
    imageFailures(trust, namespace, blocking, warnings);

    ScanResult result = scan(object, namespace, rules);
    Set<String> before = new HashSet<>();
    if (old != null && !policy.denyExistingFindings()) {
      on(scan(old, namespace, rules), old).forEach(f -> before.add(key(f)));
    }
    Map<String, String> audit = new LinkedHashMap<>();
    List<String> decisive = new ArrayList<>();
    List<String> summary = new ArrayList<>();
    for (Finding finding : on(result, object)) {
      if (!finding.severity().atLeast(policy.denyOn())) {
        continue;
      }
      summary.add(finding.ruleId() + ":" + finding.severity().id());
      if (before.contains(key(finding))) {
        warnings.add(warning(finding, " (already on the object before this update)"));
      } else {
        decisive.add(finding.ruleId());
        blocking.add(denial(finding));
      }
    }
    result.errors().stream()
        .filter(e -> e.location().file().startsWith("(rule "))
        .map(InputProblem::message)
        .forEach(m -> warnings.add("kube4c: " + m));
    Set<String> waiting = new TreeSet<>(notRun);
    waiting.removeAll(contextKinds.notAtAdmission());
    if (!waiting.isEmpty()) {
      Set<String> needed = new TreeSet<>(missing);
      needed.retainAll(contextKinds.neededKinds());
      warnings.add(
          "kube4c: not judged, context not loaded: "
              + String.join(", ", waiting)
              + " (need "
              + String.join(", ", needed)
              + ")");
    }
    if (!summary.isEmpty()) {
      audit.put("findings", String.join(",", summary));
    }
    return decide(object, mode, blocking, warnings, audit, decisive);
  }

  private Decision decide(
      Resource object,
      Mode mode,
      List<String> blocking,
      List<String> warnings,
      Map<String, String> audit,
      List<String> decisive) {
    if (blocking.isEmpty()) {
      return new Decision(true, 200, "", capped(warnings), audit, mode, "allowed", List.of());
    }
    audit.put("mode", mode.label());
    return switch (mode) {
      case ENFORCE ->
          new Decision(
              false,
              403,
              "kube4c denied "
                  + object.qualifiedName()
                  + " ("
                  + blocking.size()
                  + " finding(s) at or above "
                  + policy.denyOn().id()
                  + "):\n"
                  + String.join("\n", blocking),
              capped(warnings),
              audit,
              mode,
              "denied",
              decisive);
      case WARN -> {
        List<String> all = new ArrayList<>();
        blocking.forEach(b -> all.add(cut("kube4c: " + b.substring(2))));
        all.addAll(warnings);
        yield new Decision(true, 200, "", capped(all), audit, mode, "warned", decisive);
      }
      case AUDIT -> new Decision(true, 200, "", capped(warnings), audit, mode, "audited", decisive);
    };
  }

  /** The request's object as the inventory holds it, with the namespace the request names. */
  private static Resource admitted(ObjectNode object, RequestAttributes request) {
    if (object.get("metadata") instanceof ObjectNode metadata) {
      if (request.namespace() != null && !metadata.path("namespace").isTextual()) {
        metadata.put("namespace", request.namespace());
      }
      if (!metadata.path("name").isTextual() && !request.name().isEmpty()) {
        metadata.put("name", request.name());
      }
    } else {
      ObjectNode metadata = object.putObject("metadata");
      if (request.namespace() != null) {
        metadata.put("namespace", request.namespace());
      }
      metadata.put("name", request.name());
    }
    if (!object.path("kind").isTextual()) {
      object.put("kind", request.kind());
    }
    Location where = Location.ofSource("admission");
    return Inventory.of(List.of(new Document(object, where)), List.of()).resources().get(0);
  }

  private static Resource oldObject(RequestAttributes request, String namespace) {
    JsonNode old = request.oldObject();
    if (!request.operation().equals("UPDATE") || !(old instanceof ObjectNode tree)) {
      return null;
    }
    return admitted(tree.deepCopy(), request);
  }

  /** The rules' findings on the admitted object (not on the context around it). */
  private ScanResult scan(Resource object, String namespace, ScanRequest rules) {
    List<Resource> part = new ArrayList<>();
    part.add(object);
    if (namespace != null && !object.isClusterScoped()) {
      for (Resource other : context.inNamespace(namespace)) {
        if (!sameObject(other, object)) {
          part.add(other);
        }
      }
    }
    Inventory inventory = Inventory.partOf(part, context.clusterWide());
    return scanner.scan(inventory, rules, List.of(), List.of(), List.of());
  }

  private static List<Finding> on(ScanResult result, Resource object) {
    return result.findings().stream().filter(f -> isOn(f.resource(), object)).toList();
  }

  private static boolean isOn(ResourceRef ref, Resource object) {
    if (ref == null || !ref.kind().equals(object.kind()) || !ref.name().equals(object.name())) {
      return false;
    }
    String namespace =
        object.isClusterScoped()
            ? null
            : ref.namespace() == null || ref.namespace().isEmpty() ? "default" : ref.namespace();
    return Objects.equals(namespace, object.effectiveNamespace());
  }

  private static boolean sameObject(Resource a, Resource b) {
    return a.kind().equals(b.kind()) && a.name().equals(b.name());
  }

  private static String key(Finding finding) {
    String container = finding.resource() == null ? null : finding.resource().container();
    return finding.ruleId() + "\u0000" + (container == null ? "" : container);
  }

  private Optional<String> namespaceLabel(String namespace, String label) {
    if (namespace == null) {
      return Optional.empty();
    }
    return context.namespace(namespace).map(ns -> ns.labels().get(label));
  }

  /** Objects with a controller owner, sent by a user that controllers run as. */
  private boolean madeByController(Resource object, String user) {
    boolean controlled = false;
    for (JsonNode owner : object.object().path("metadata").path("ownerReferences")) {
      controlled |= owner.path("controller").asBoolean(false);
    }
    return controlled && controllerUsers.stream().anyMatch(p -> p.matcher(user).matches());
  }

  private ImageTrust verifyImages(Resource object, Resource old) {
    if (images == null) {
      return ImageTrust.OFF;
    }
    Set<String> refs = new TreeSet<>();
    for (Resource r : old == null ? List.of(object) : List.of(object, old)) {
      PodSpecs.workloadOf(r).map(Workload::containers).orElse(List.of()).stream()
          .map(c -> c.image())
          .filter(i -> !i.isBlank())
          .forEach(refs::add);
    }
    return refs.isEmpty() ? ImageTrust.OFF : images.verify(refs);
  }

  /** Images whose signature could not be checked: deny or warn, as the namespace says. */
  private void imageFailures(
      ImageTrust trust, String namespace, List<String> blocking, List<String> warnings) {
    boolean closed =
        namespaceLabel(namespace, IMAGE_FAILURE_LABEL)
            .map(v -> !v.equalsIgnoreCase("fail-open"))
            .orElse(policy.imageFailClosed());
    trust
        .verdicts()
        .forEach(
            (image, verdict) -> {
              if (verdict.status() == ImageVerdict.Status.ERROR) {
                String text =
                    "image "
                        + image
                        + ": signature not verified: "
                        + verdict.detail()
                        + (closed ? " (fail-closed)" : " (fail-open)");
                if (closed) {
                  blocking.add("- image-signature-unverifiable [" + image + "]: " + text);
                } else {
                  warnings.add(cut("kube4c: " + text));
                }
              }
            });
  }

  private static String denial(Finding finding) {
    return "- "
        + finding.ruleId()
        + " ("
        + finding.severity().id()
        + ")"
        + container(finding)
        + ": "
        + finding.message()
        + (finding.remediation() == null || finding.remediation().isBlank()
            ? ""
            : " Fix: " + finding.remediation());
  }

  private static String warning(Finding finding, String suffix) {
    return cut(
        "kube4c: "
            + finding.ruleId()
            + " ("
            + finding.severity().id()
            + ")"
            + container(finding)
            + ": "
            + finding.message()
            + suffix);
  }

  private static String container(Finding finding) {
    return finding.resource() != null && finding.resource().container() != null
        ? " container=" + finding.resource().container()
        : "";
  }

  private static List<String> capped(List<String> warnings) {
    List<String> out = new ArrayList<>();
    for (String w : warnings) {
      if (out.size() == Decision.MAX_WARNINGS - 1 && warnings.size() > Decision.MAX_WARNINGS) {
        out.add("kube4c: " + (warnings.size() - out.size()) + " more warning(s) not shown");
        break;
      }
      out.add(cut(w));
    }
    return out;
  }

  private static String cut(String text) {
    String oneLine = text.replace('\n', ' ');
    return oneLine.length() <= Decision.MAX_WARNING
        ? oneLine
        : oneLine.substring(0, Decision.MAX_WARNING - 1) + "…";
  }

  private static Pattern glob(String glob) {
    return Pattern.compile(
        java.util.Arrays.stream(glob.split("\\*", -1))
            .map(Pattern::quote)
            .collect(java.util.stream.Collectors.joining(".*")));
  }
}
