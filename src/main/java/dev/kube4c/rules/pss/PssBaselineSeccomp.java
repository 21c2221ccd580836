package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, baseline: upstream check seccompProfile_baseline. */
public final class PssBaselineSeccomp extends PssCheckRule {

  public PssBaselineSeccomp() {
    super(
        "seccompProfile_baseline",
        RuleMetadata.rule("pss-baseline-seccomp")
            .title("Seccomp profile set to Unconfined")
            .area(Area.POD_SECURITY)
            .severity(Severity.HIGH)
            .rationale(
                "Seccomp filters the system calls a container can make; an Unconfined profile exposes the node kernel's whole attack surface, which the baseline Pod Security Standard forbids.")
            .remediation(
                "Set seccompProfile.type to RuntimeDefault or Localhost (before v1.19: the seccomp annotations to runtime/default, docker/default or localhost/*).")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1611")
                    .withPss("Seccomp")
                    .withCks(Frameworks.Cks.SYSTEM_HARDENING))
            .build());
  }
}
