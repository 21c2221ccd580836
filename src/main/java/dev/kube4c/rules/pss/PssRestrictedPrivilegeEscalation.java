package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, restricted: upstream check allowPrivilegeEscalation. */
public final class PssRestrictedPrivilegeEscalation extends PssCheckRule {

  public PssRestrictedPrivilegeEscalation() {
    super(
        "allowPrivilegeEscalation",
        RuleMetadata.rule("pss-restricted-privilege-escalation")
            .title("Privilege escalation not disabled")
            .area(Area.POD_SECURITY)
            .severity(Severity.MEDIUM)
            .rationale(
                "Unless allowPrivilegeEscalation is false, setuid binaries and file capabilities let a process gain more privileges than its parent; the restricted Pod Security Standard requires it to be false (Windows pods exempt since v1.25).")
            .remediation("Set securityContext.allowPrivilegeEscalation: false on every container.")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1068")
                    .withPss("Privilege Escalation")
                    .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
            .build());
  }
}
