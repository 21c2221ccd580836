package dev.kube4c.rules.container;

import dev.kube4c.inventory.SecurityContexts;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.rules.WorkloadRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Sharing the node's PID, IPC or network namespace removes the walls between the pod and the node.
 */
public final class ContainerHostNamespaces extends WorkloadRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("container-host-namespaces")
          .title("Pod shares host namespaces")
          .area(Area.LEAST_PRIVILEGE)
          .severity(Severity.HIGH)
          .rationale(
              "hostPID lets the pod see and signal every process of the node (and read their environment), hostIPC shares its shared memory, and hostNetwork puts the pod on the node's interfaces, bypassing NetworkPolicies and exposing node-local services.")
          .remediation(
              "Remove hostPID, hostIPC and hostNetwork from the pod spec (or set them to false).")
          .references(
              "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.2.3", "5.2.4", "5.2.5")
                  .withNsa("Pod security: hardening container environments")
                  .withMitre("T1611")
                  .withPss("Host Namespaces")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Workload workload, RuleContext context, FindingSink sink) {
    List<String> shared = new ArrayList<>();
    for (String field : List.of("hostPID", "hostIPC", "hostNetwork")) {
      if (SecurityContexts.isTrue(workload.podSpec().path(field))) {
        shared.add(workload.path(field) + " is true");
      }
    }
    if (!shared.isEmpty()) {
      sink.report(workload.resource(), String.join("; ", shared));
    }
  }
}
