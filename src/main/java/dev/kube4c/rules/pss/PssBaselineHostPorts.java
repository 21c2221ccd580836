package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, baseline: upstream check hostPorts. */
public final class PssBaselineHostPorts extends PssCheckRule {

  public PssBaselineHostPorts() {
    super(
        "hostPorts",
        RuleMetadata.rule("pss-baseline-host-ports")
            .title("Container binds a host port")
            .area(Area.POD_SECURITY)
            .severity(Severity.HIGH)
            .rationale(
                "A hostPort publishes the container on the node's own addresses, around Services and often around NetworkPolicies; the baseline Pod Security Standard forbids host ports.")
            .remediation(
                "Remove hostPort from the container ports and expose the workload through a Service.")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1133")
                    .withPss("Host Ports")
                    .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
            .build());
  }
}
