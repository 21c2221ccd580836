package dev.kube4c.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
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

/** Root in a container is root on the node's kernel: one escape away from the host. */
public final class ContainerRunAsRoot extends ContainerRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("container-run-as-root")
          .title("Container may run as root")
          .area(Area.LEAST_PRIVILEGE)
          .severity(Severity.MEDIUM)
          .rationale(
              "A process running as UID 0 shares the kernel's root identity with the node; any container escape or writable host mount then acts as root. Many images default to root, so only runAsNonRoot or a non-zero runAsUser prevents it.")
          .remediation(
              "Set securityContext.runAsNonRoot: true and a non-zero runAsUser on the pod or container, and build images with a non-root USER.")
          .references(
              "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.2.7")
                  .withNsa("Pod security: non-root containers")
                  .withMitre("T1611")
                  .withPss("Running as Non-root")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(
      Workload workload, Container container, RuleContext context, FindingSink sink) {
    JsonNode runAsUser = SecurityContexts.effective(workload, container, "runAsUser");
    JsonNode runAsNonRoot = SecurityContexts.effective(workload, container, "runAsNonRoot");
    if (runAsUser.canConvertToLong() && runAsUser.asLong() == 0) {
      sink.report(
          workload.resource(),
          container,
          SecurityContexts.effectivePath(workload, container, "runAsUser") + " is 0 (root)",
          Severity.HIGH);
    } else if (!SecurityContexts.isTrue(runAsNonRoot)
        && !(runAsUser.canConvertToLong() && runAsUser.asLong() > 0)) {
      sink.report(
          workload.resource(),
          container,
          container.path()
              + ": runAsNonRoot is not true and runAsUser is not set, so the image's user (often root) is used");
    }
  }
}
