package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, baseline: upstream check seLinuxOptions. */
public final class PssBaselineSelinux extends PssCheckRule {

  public PssBaselineSelinux() {
    super(
        "seLinuxOptions",
        RuleMetadata.rule("pss-baseline-selinux")
            .title("Custom SELinux type, user or role")
            .area(Area.POD_SECURITY)
            .severity(Severity.HIGH)
            .rationale(
                "A custom SELinux type such as spc_t, or a custom SELinux user or role, can lift the labels that keep containers apart; the baseline Pod Security Standard allows only the container types.")
            .remediation(
                "Remove seLinuxOptions.user and seLinuxOptions.role, and use no type or one of container_t, container_init_t, container_kvm_t (container_engine_t since v1.31).")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1611")
                    .withPss("SELinux")
                    .withCks(Frameworks.Cks.SYSTEM_HARDENING))
            .build());
  }
}
