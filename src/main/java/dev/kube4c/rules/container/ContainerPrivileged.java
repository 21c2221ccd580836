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

/** A privileged container is root on the node: every device, every capability, no isolation. */
public final class ContainerPrivileged extends ContainerRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("container-privileged")
          .title("Container runs privileged")
          .area(Area.LEAST_PRIVILEGE)
          .severity(Severity.CRITICAL)
          .rationale(
              "A privileged container gets all Linux capabilities and access to every host device; escaping to the node is trivial, so one compromised process owns the node and what runs on it.")
          .remediation(
              "Remove securityContext.privileged (or set it to false) and grant only the specific capabilities the process needs.")
          .references(
              "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.2.2")
                  .withNsa("Pod security: non-root containers and privileged containers")
                  .withMitre("T1611")
                  .withPss("Privileged Containers")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(
      Workload workload, Container container, RuleContext context, FindingSink sink) {
    if (SecurityContexts.isTrue(container.securityContext().path("privileged"))) {
      sink.report(
          workload.resource(), container, container.path() + ".securityContext.privileged is true");
    }
  }
}
