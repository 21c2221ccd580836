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

/** Without a seccomp profile every syscall of the kernel is reachable from the container. */
public final class ContainerSeccompUnconfined extends ContainerRule {

  private static final String LEGACY_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
  private static final String LEGACY_CONTAINER_ANNOTATION =
      "container.seccomp.security.alpha.kubernetes.io/";

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("container-seccomp-unconfined")
          .title("Container runs without a seccomp profile")
          .area(Area.RUNTIME_ISOLATION)
          .severity(Severity.MEDIUM)
          .rationale(
              "Seccomp filters the system calls a container may make. Unconfined containers can reach the whole kernel attack surface, which most kernel exploits used for container escapes rely on.")
          .remediation(
              "Set securityContext.seccompProfile.type: RuntimeDefault (or Localhost with a tuned profile) on the pod or on each container.")
          .references("https://kubernetes.io/docs/tutorials/security/seccomp/")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.7.2")
                  .withNsa("Pod security: hardening container environments")
                  .withMitre("T1611")
                  .withPss("Seccomp")
                  .withCks(Frameworks.Cks.SYSTEM_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(
      Workload workload, Container container, RuleContext context, FindingSink sink) {
    JsonNode type = SecurityContexts.effective(workload, container, "seccompProfile").path("type");
    if (type.isTextual()) {
      if (type.asText().equalsIgnoreCase("Unconfined")) {
        sink.report(
            workload.resource(),
            container,
            SecurityContexts.effectivePath(workload, container, "seccompProfile")
                + ".type is Unconfined");
      }
      return;
    }
    String legacy =
        workload
            .podAnnotations()
            .getOrDefault(
                LEGACY_CONTAINER_ANNOTATION + container.name(),
                workload.podAnnotations().get(LEGACY_POD_ANNOTATION));
    if (legacy != null && !legacy.equals("unconfined")) {
      return;
    }
    sink.report(
        workload.resource(),
        container,
        container.path()
            + ": no seccompProfile on the container or the pod (Unconfined by default)");
  }
}
