package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, baseline: upstream check privileged. */
public final class PssBaselinePrivileged extends PssCheckRule {

  public PssBaselinePrivileged() {
    super(
        "privileged",
        RuleMetadata.rule("pss-baseline-privileged")
            .title("Container runs privileged")
            .area(Area.POD_SECURITY)
            .severity(Severity.HIGH)
            .rationale(
                "A privileged container has every capability and every host device; it disables most isolation, so the baseline Pod Security Standard forbids it.")
            .remediation(
                "Remove securityContext.privileged (or set it to false) from every container, init container and ephemeral container.")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1611")
                    .withPss("Privileged Containers")
                    .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
            .build());
  }
}
