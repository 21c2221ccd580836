package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, baseline: upstream check hostNamespaces. */
public final class PssBaselineHostNamespaces extends PssCheckRule {

  public PssBaselineHostNamespaces() {
    super(
        "hostNamespaces",
        RuleMetadata.rule("pss-baseline-host-namespaces")
            .title("Pod shares the node's network, PID or IPC namespace")
            .area(Area.POD_SECURITY)
            .severity(Severity.HIGH)
            .rationale(
                "Sharing the host's network, PID or IPC namespace lets a container see and talk to every process and socket of the node, sniff traffic and bypass NetworkPolicies; the baseline Pod Security Standard forbids it.")
            .remediation(
                "Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false).")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1611")
                    .withPss("Host Namespaces")
                    .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
            .build());
  }
}
