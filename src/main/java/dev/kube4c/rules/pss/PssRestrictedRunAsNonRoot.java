package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, restricted: upstream check runAsNonRoot. */
public final class PssRestrictedRunAsNonRoot extends PssCheckRule {

  public PssRestrictedRunAsNonRoot() {
    super(
        "runAsNonRoot",
        RuleMetadata.rule("pss-restricted-run-as-non-root")
            .title("Containers not required to run as non-root")
            .area(Area.POD_SECURITY)
            .severity(Severity.MEDIUM)
            .rationale(
                "Without runAsNonRoot: true the kubelet starts images that run as root; root in a container is one kernel bug away from root on the node. The restricted Pod Security Standard requires it (relaxed for user-namespaced pods since v1.35).")
            .remediation(
                "Set securityContext.runAsNonRoot: true on the pod (or every container) and use an image that runs as a non-zero user.")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1611")
                    .withPss("Running as Non-root")
                    .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
            .build());
  }
}
