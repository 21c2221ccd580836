package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, baseline: upstream check procMount. */
public final class PssBaselineProcMount extends PssCheckRule {

  public PssBaselineProcMount() {
    super(
        "procMount",
        RuleMetadata.rule("pss-baseline-proc-mount")
            .title("Container unmasks /proc")
            .area(Area.POD_SECURITY)
            .severity(Severity.HIGH)
            .rationale(
                "The default /proc mount masks kernel interfaces that leak host information or allow writes to the kernel; an Unmasked procMount removes those masks, which the baseline Pod Security Standard forbids outside user namespaces.")
            .remediation(
                "Remove securityContext.procMount or set it to Default (or, from v1.35, run the pod in a user namespace with hostUsers: false).")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1611")
                    .withPss("/proc Mount Type")
                    .withCks(Frameworks.Cks.SYSTEM_HARDENING))
            .build());
  }
}
