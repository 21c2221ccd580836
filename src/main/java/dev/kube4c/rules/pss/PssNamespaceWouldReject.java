package dev.kube4c.rules.pss;

import dev.kube4c.config.Config;
import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.Workload;
import dev.kube4c.pss.NamespacePolicy;
import dev.kube4c.pss.PssEvaluator;
import dev.kube4c.pss.PssPod;
import dev.kube4c.pss.PssResult;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Predicts Pod Security admission for each workload in a Namespace of the input, from the
 * namespace's enforce/warn/audit labels and versions: enforce rejections are high, warn and audit
 * violations low. Workloads whose Namespace object is not in the input are not judged (its labels
 * are unknown). Exemptions follow PSA's AdmissionConfiguration ({@code pssExemptions}).
 */
public final class PssNamespaceWouldReject implements Rule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("pss-namespace-would-reject")
          .title("Pod Security admission of the namespace would reject the workload")
          .area(Area.POD_SECURITY)
          .severity(Severity.HIGH)
          .rationale(
              "A workload whose pods break the Pod Security Standard that its namespace enforces deploys fine as a Deployment or Job, but its pods are never created; warn and audit labels flag what a stricter enforce level would break next.")
          .remediation(
              "Fix the fields named in the finding (or, when the workload really needs them, move it to a namespace with a weaker level or exempt its RuntimeClass), then re-scan with --pss-level at the namespace's version.")
          .references(
              "https://kubernetes.io/docs/concepts/security/pod-security-admission/",
              "https://kubernetes.io/docs/concepts/security/pod-security-standards/")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Pod security: pod security enforcement")
                  .withPss("Pod Security Admission")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .notAtAdmission()
          .build();

  /**
   * The users whose requests create the pods of each controller kind (kube-controller-manager's
   * service accounts).
   */
  private static final Map<String, String> POD_CREATORS =
      Map.of(
          "Deployment", "system:serviceaccount:kube-system:replicaset-controller",
          "ReplicaSet", "system:serviceaccount:kube-system:replicaset-controller",
          "StatefulSet", "system:serviceaccount:kube-system:statefulset-controller",
          "DaemonSet", "system:serviceaccount:kube-system:daemon-set-controller",
          "Job", "system:serviceaccount:kube-system:job-controller",
          "CronJob", "system:serviceaccount:kube-system:job-controller",
          "ReplicationController", "system:serviceaccount:kube-system:replication-controller");

  private final PssEvaluator evaluator = new PssEvaluator();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  /** What PSA would do with a workload's pods under one Namespace definition. */
  private record Verdict(Severity severity, String message) {}

  @Override
  public void check(RuleContext context, FindingSink sink) {
    Config.PssExemptions exemptions = context.config().pssExemptions();
    // Overlays may define one namespace several times with different labels: judge against each.
    Map<String, List<Resource>> definitions = new LinkedHashMap<>();
    for (Resource namespace : context.inventory().ofKind("Namespace")) {
      definitions.computeIfAbsent(namespace.name(), k -> new ArrayList<>()).add(namespace);
    }
    for (Map.Entry<String, List<Resource>> e : definitions.entrySet()) {
      String name = e.getKey();
      List<Workload> workloads = context.inventory().workloadsByNamespace().get(name);
      if (workloads == null || exemptions.namespaces().contains(name)) {
        continue;
      }
      List<Resource> namespaces = e.getValue();
      for (Workload workload : workloads) {
        if (exempt(workload, exemptions)) {
          continue;
        }
        PssPod pod = PssPod.of(workload);
        Verdict worst = null;
        for (Resource namespace : namespaces) {
          String where =
              namespaces.size() > 1 && namespace.location() != null
                  ? " (as defined in " + namespace.location() + ")"
                  : "";
          Verdict verdict = judge(pod, name + where, NamespacePolicy.of(namespace.labels()));
          if (verdict != null
              && (worst == null || verdict.severity().compareTo(worst.severity()) < 0)) {
            worst = verdict;
          }
        }
        if (worst != null) {
          sink.report(workload.resource(), worst.message(), worst.severity());
        }
      }
    }
  }

  private Verdict judge(PssPod pod, String namespace, NamespacePolicy policy) {
    String labelNote =
        policy.labelErrors().isEmpty() ? "" : " [" + String.join("; ", policy.labelErrors()) + "]";
    if (policy.enforce().enforcing()) {
      PssResult result =
          evaluator.evaluate(pod, policy.enforce().level(), policy.enforce().version());
      if (!result.allowed()) {
        return new Verdict(
            Severity.HIGH,
            "namespace "
                + namespace
                + " enforces \""
                + policy.enforce()
                + "\""
                + labelNote
                + ", so Pod Security admission would reject these pods: "
                + result.describe());
      }
    }
    List<String> modes = new ArrayList<>();
    List<String> verbs = new ArrayList<>();
    PssResult shown = null;
    for (String mode : new String[] {"warn", "audit"}) {
      NamespacePolicy.Mode m = mode.equals("warn") ? policy.warn() : policy.audit();
      // A mode with the same policy as enforce (warn follows enforce by default) admitted the pods
      // already.
      if (m.enforcing() && !m.equals(policy.enforce())) {
        PssResult result = evaluator.evaluate(pod, m.level(), m.version());
        if (!result.allowed()) {
          modes.add(mode + " \"" + m + "\"");
          verbs.add(mode);
          shown = shown == null ? result : shown;
        }
      }
    }
    if (shown == null) {
      return null;
    }
    return new Verdict(
        Severity.LOW,
        "namespace "
            + namespace
            + " labels "
            + String.join(" and ", modes)
            + labelNote
            + ", so Pod Security admission would "
            + String.join(" and ", verbs)
            + ": "
            + shown.describe());
  }

  private static boolean exempt(Workload workload, Config.PssExemptions exemptions) {
    String runtimeClass = workload.podSpec().path("runtimeClassName").asText("");
    if (!runtimeClass.isEmpty() && exemptions.runtimeClasses().contains(runtimeClass)) {
      return true;
    }
    String creator = POD_CREATORS.get(workload.resource().kind());
    return creator != null && exemptions.usernames().contains(creator);
  }
}
