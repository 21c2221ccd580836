package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, baseline: upstream check sysctls. */
public final class PssBaselineSysctls extends PssCheckRule {

  public PssBaselineSysctls() {
    super(
        "sysctls",
        RuleMetadata.rule("pss-baseline-sysctls")
            .title("Pod sets unsafe sysctls")
            .area(Area.POD_SECURITY)
            .severity(Severity.HIGH)
            .rationale(
                "Sysctls outside the namespaced safe set can change the node kernel for every pod on it or disable security mechanisms; the baseline Pod Security Standard allows only the safe set of the policy version.")
            .remediation(
                "Remove the listed entries from spec.securityContext.sysctls, or set them on dedicated nodes by other means.")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1611")
                    .withPss("Sysctls")
                    .withCks(Frameworks.Cks.SYSTEM_HARDENING))
            .build());
  }
}
