package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, baseline: upstream check capabilities_baseline. */
public final class PssBaselineCapabilities extends PssCheckRule {

  public PssBaselineCapabilities() {
    super(
        "capabilities_baseline",
        RuleMetadata.rule("pss-baseline-capabilities")
            .title("Container adds capabilities beyond the default set")
            .area(Area.POD_SECURITY)
            .severity(Severity.HIGH)
            .rationale(
                "Capabilities beyond the container runtime's default set (such as NET_ADMIN, SYS_ADMIN or NET_RAW additions outside the set) widen what a compromised process can do to the node; the baseline Pod Security Standard allows adding only default capabilities.")
            .remediation(
                "Remove the listed entries from securityContext.capabilities.add; keep only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID or SYS_CHROOT.")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1611")
                    .withPss("Capabilities")
                    .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
            .build());
  }
}
