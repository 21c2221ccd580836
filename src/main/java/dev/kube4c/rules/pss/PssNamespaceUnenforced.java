package dev.kube4c.rules.pss;

import dev.kube4c.inventory.Resource;
import dev.kube4c.pss.NamespacePolicy;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.ResourceRule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/**
 * A Namespace whose labels make Pod Security admission enforce nothing. Only Namespace objects of
 * the input are judged: for other namespaces the labels are unknown. Namespaces exempted in {@code
 * pssExemptions} are skipped, since PSA would not look at them anyway by design.
 */
public final class PssNamespaceUnenforced extends ResourceRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("pss-namespace-unenforced")
          .title("Namespace enforces no Pod Security Standard")
          .area(Area.POD_SECURITY)
          .severity(Severity.MEDIUM)
          .rationale(
              "Pod Security admission only rejects pods in namespaces labelled pod-security.kubernetes.io/enforce with baseline or restricted; without that label (or with privileged) any pod is admitted, including privileged ones with host namespaces and hostPath mounts.")
          .remediation(
              "Label the namespace pod-security.kubernetes.io/enforce=baseline (or restricted) with a pinned pod-security.kubernetes.io/enforce-version, after checking its workloads with --pss-level.")
          .references(
              "https://kubernetes.io/docs/concepts/security/pod-security-admission/",
              "https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Pod security: pod security enforcement")
                  .withMitre("T1610")
                  .withPss("Pod Security Admission")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public PssNamespaceUnenforced() {
    super("Namespace");
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Resource namespace, RuleContext context, FindingSink sink) {
    if (context.config().pssExemptions().namespaces().contains(namespace.name())) {
      return;
    }
    String enforce = namespace.labels().get(NamespacePolicy.ENFORCE);
    if (enforce == null) {
      sink.report(
          namespace,
          "metadata.labels has no "
              + NamespacePolicy.ENFORCE
              + " label, so Pod Security admission admits any pod");
    } else if (enforce.equals("privileged")) {
      sink.report(
          namespace,
          "metadata.labels[\""
              + NamespacePolicy.ENFORCE
              + "\"] is \"privileged\", so Pod Security admission admits any pod");
    }
  }
}
