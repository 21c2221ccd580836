package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, restricted: upstream check procMount_restricted. */
public final class PssRestrictedProcMount extends PssCheckRule {

  public PssRestrictedProcMount() {
    super(
        "procMount_restricted",
        RuleMetadata.rule("pss-restricted-proc-mount")
            .title("Container unmasks /proc (restricted)")
            .area(Area.POD_SECURITY)
            .severity(Severity.MEDIUM)
            .rationale(
                "Since v1.35 the restricted Pod Security Standard requires the default /proc mount even for pods in a user namespace, where baseline allows other values.")
            .remediation("Remove securityContext.procMount or set it to Default.")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1611")
                    .withPss("/proc Mount Type (restricted)")
                    .withCks(Frameworks.Cks.SYSTEM_HARDENING))
            .build());
  }
}
