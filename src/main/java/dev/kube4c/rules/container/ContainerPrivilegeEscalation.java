package dev.kube4c.rules.container;

import dev.kube4c.inventory.Container;
import dev.kube4c.inventory.SecurityContexts;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.ContainerRule;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/**
 * Without allowPrivilegeEscalation: false, setuid binaries can make a process more powerful than
 * its parent.
 */
public final class ContainerPrivilegeEscalation extends ContainerRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("container-privilege-escalation")
          .title("Container allows privilege escalation")
          .area(Area.LEAST_PRIVILEGE)
          .severity(Severity.MEDIUM)
          .rationale(
              "Unless allowPrivilegeEscalation is false, the no_new_privs flag is not set and a setuid binary or file capability inside the image can raise a process above the privileges the container was started with.")
          .remediation("Set securityContext.allowPrivilegeEscalation: false on every container.")
          .references("https://kubernetes.io/docs/tasks/configure-pod-container/security-context/")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.2.6")
                  .withNsa("Pod security: non-root containers")
                  .withMitre("T1068")
                  .withPss("Privilege Escalation")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(
      Workload workload, Container container, RuleContext context, FindingSink sink) {
    var value = container.securityContext().path("allowPrivilegeEscalation");
    if (!SecurityContexts.isFalse(value)) {
      String found =
          value.isMissingNode() || value.isNull()
              ? "is not set (defaults to true)"
              : "is " + value.asText();
      sink.report(
          workload.resource(),
          container,
          container.path() + ".securityContext.allowPrivilegeEscalation " + found);
    }
  }
}
