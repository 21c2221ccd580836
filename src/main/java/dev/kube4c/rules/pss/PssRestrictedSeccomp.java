package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, restricted: upstream check seccompProfile_restricted. */
public final class PssRestrictedSeccomp extends PssCheckRule {

  public PssRestrictedSeccomp() {
    super(
        "seccompProfile_restricted",
        RuleMetadata.rule("pss-restricted-seccomp")
            .title("Seccomp profile not set to RuntimeDefault or Localhost")
            .area(Area.POD_SECURITY)
            .severity(Severity.MEDIUM)
            .rationale(
                "The restricted Pod Security Standard requires an explicit seccomp profile (RuntimeDefault or Localhost) for every container, at pod or container level, since v1.19 (Windows pods exempt since v1.25).")
            .remediation(
                "Set spec.securityContext.seccompProfile.type: RuntimeDefault (or Localhost with a profile) on the pod.")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1611")
                    .withPss("Seccomp (restricted)")
                    .withCks(Frameworks.Cks.SYSTEM_HARDENING))
            .build());
  }
}
