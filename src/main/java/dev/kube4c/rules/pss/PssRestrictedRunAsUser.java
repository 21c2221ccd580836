package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, restricted: upstream check runAsUser. */
public final class PssRestrictedRunAsUser extends PssCheckRule {

  public PssRestrictedRunAsUser() {
    super(
        "runAsUser",
        RuleMetadata.rule("pss-restricted-run-as-user")
            .title("Container runs as user 0")
            .area(Area.POD_SECURITY)
            .severity(Severity.MEDIUM)
            .rationale(
                "runAsUser: 0 runs the process as root whatever the image says; the restricted Pod Security Standard forbids it since v1.23 (relaxed for user-namespaced pods since v1.35).")
            .remediation(
                "Remove runAsUser: 0 or set a non-zero user id on the pod and its containers.")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1611")
                    .withPss("Running as Non-root user")
                    .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
            .build());
  }
}
