package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, baseline: upstream check hostProbesAndHostLifecycle. */
public final class PssBaselineHostProbesLifecycle extends PssCheckRule {

  public PssBaselineHostProbesLifecycle() {
    super(
        "hostProbesAndHostLifecycle",
        RuleMetadata.rule("pss-baseline-host-probes-lifecycle")
            .title("Probe or lifecycle hook targets another host")
            .area(Area.POD_SECURITY)
            .severity(Severity.HIGH)
            .rationale(
                "A probe or lifecycle handler with a host makes the kubelet send requests to any address it can reach, a server-side request forgery from the node; the baseline Pod Security Standard forbids the host field since policy v1.34.")
            .remediation(
                "Remove the host field from httpGet and tcpSocket probes and lifecycle handlers so that they target the pod itself.")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1090")
                    .withPss("Host Probes / Lifecycle Hooks")
                    .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
            .build());
  }
}
