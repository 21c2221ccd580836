package dev.kube4c.rules.code;

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
import java.util.ArrayList;
import java.util.List;

/**
 * A hostPort publishes the container on the node's own address, around Services and
 * NetworkPolicies.
 */
public final class HostPort extends ContainerRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("host-port")
          .title("Container binds a host port")
          .area(Area.EXPOSED_PORTS)
          .severity(Severity.MEDIUM)
          .rationale(
              "hostPort exposes the container on every address of its node, where NetworkPolicies often do not apply; it also pins scheduling to nodes with the port free.")
          .remediation(
              "Remove hostPort and expose the container through a Service (ClusterIP, or an internal load balancer).")
          .references("https://kubernetes.io/docs/concepts/configuration/overview/#services")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.2.13")
                  .withNsa("Network separation and hardening")
                  .withMitre("T1133")
                  .withPss("Host Ports")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(
      Workload workload, Container container, RuleContext context, FindingSink sink) {
    JsonNode ports = container.node().path("ports");
    List<String> found = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      JsonNode hostPort = ports.path(i).path("hostPort");
      if (hostPort.canConvertToInt() && hostPort.asInt() > 0) {
        found.add(container.path() + ".ports[" + i + "].hostPort is " + hostPort.asInt());
      }
    }
    if (!found.isEmpty()) {
      sink.report(workload.resource(), container, String.join("; ", found));
    }
  }
}
