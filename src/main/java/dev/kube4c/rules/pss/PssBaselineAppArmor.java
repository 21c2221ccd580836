package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, baseline: upstream check appArmorProfile. */
public final class PssBaselineAppArmor extends PssCheckRule {

  public PssBaselineAppArmor() {
    super(
        "appArmorProfile",
        RuleMetadata.rule("pss-baseline-apparmor")
            .title("AppArmor profile overridden or disabled")
            .area(Area.POD_SECURITY)
            .severity(Severity.HIGH)
            .rationale(
                "The runtime's default AppArmor profile confines what a container can do on the node; setting it to Unconfined (field or annotation) removes that layer, which the baseline Pod Security Standard forbids.")
            .remediation(
                "Set appArmorProfile.type to RuntimeDefault or Localhost (or remove it), and drop container.apparmor.security.beta.kubernetes.io annotations other than runtime/default or localhost/*.")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1611")
                    .withPss("AppArmor")
                    .withCks(Frameworks.Cks.SYSTEM_HARDENING))
            .build());
  }
}
