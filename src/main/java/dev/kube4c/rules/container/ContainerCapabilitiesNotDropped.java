package dev.kube4c.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Container;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.ContainerRule;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/**
 * The runtime's default capability set (NET_RAW, CHOWN, SETUID, ...) is more than most processes
 * need.
 */
public final class ContainerCapabilitiesNotDropped extends ContainerRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("container-capabilities-not-dropped")
          .title("Container does not drop all capabilities")
          .area(Area.LEAST_PRIVILEGE)
          .severity(Severity.LOW)
          .rationale(
              "Container runtimes grant a default set of capabilities, including NET_RAW (packet spoofing) and SETUID; dropping ALL and adding back only what is needed shrinks what an attacker can do inside the container.")
          .remediation(
              "Set securityContext.capabilities.drop: [\"ALL\"] and add back only the capabilities the process needs (often NET_BIND_SERVICE).")
          .references(
              "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.2.10")
                  .withNsa("Pod security: non-root containers")
                  .withPss("Capabilities (restricted)")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(
      Workload workload, Container container, RuleContext context, FindingSink sink) {
    for (JsonNode capability : container.securityContext().path("capabilities").path("drop")) {
      if (ContainerCapabilitiesDangerous.normalize(capability.asText()).equals("ALL")) {
        return;
      }
    }
    sink.report(
        workload.resource(),
        container,
        container.path() + ".securityContext.capabilities.drop does not include ALL");
  }
}
