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
 * A writable root filesystem lets an intruder drop tools and persist changes to the image's
 * binaries.
 */
public final class ContainerRootFilesystemWritable extends ContainerRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("container-root-filesystem-writable")
          .title("Container root filesystem is writable")
          .area(Area.LEAST_PRIVILEGE)
          .severity(Severity.LOW)
          .rationale(
              "An immutable root filesystem stops an attacker from installing tools, changing binaries or configuration inside the container; writable paths the application needs can be emptyDir volumes.")
          .remediation(
              "Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where the application writes (for example /tmp).")
          .references("https://kubernetes.io/docs/tasks/configure-pod-container/security-context/")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Pod security: immutable container file systems")
                  .withMitre("T1525")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(
      Workload workload, Container container, RuleContext context, FindingSink sink) {
    if (!SecurityContexts.isTrue(container.securityContext().path("readOnlyRootFilesystem"))) {
      sink.report(
          workload.resource(),
          container,
          container.path() + ".securityContext.readOnlyRootFilesystem is not true");
    }
  }
}
