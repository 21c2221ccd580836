package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, baseline: upstream check windowsHostProcess. */
public final class PssBaselineWindowsHostProcess extends PssCheckRule {

  public PssBaselineWindowsHostProcess() {
    super(
        "windowsHostProcess",
        RuleMetadata.rule("pss-baseline-windows-host-process")
            .title("Windows HostProcess container")
            .area(Area.POD_SECURITY)
            .severity(Severity.HIGH)
            .rationale(
                "A Windows HostProcess container runs directly on the node with host privileges and no isolation; the baseline Pod Security Standard forbids it.")
            .remediation(
                "Remove securityContext.windowsOptions.hostProcess (or set it to false) on the pod and its containers.")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1611")
                    .withPss("HostProcess")
                    .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
            .build());
  }
}
