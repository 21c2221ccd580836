package dev.kube4c.rules.cluster;

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
 * Without requests the scheduler cannot place pods safely and a noisy neighbour starves the node.
 */
public final class ResourcesRequestsMissing extends ContainerRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("resources-requests-missing")
          .title("Container without cpu/memory requests")
          .area(Area.QOS)
          .severity(Severity.MEDIUM)
          .rationale(
              "Requests reserve capacity; containers without them are scheduled onto nodes that cannot carry them and are evicted first under pressure, and a compromised or runaway pod can exhaust the node (denial of service).")
          .remediation(
              "Set resources.requests.cpu and resources.requests.memory on every container, sized from observed usage; a namespace LimitRange can supply defaults.")
          .references(
              "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Pod security: hardening container environments")
                  .withMitre("T1499")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(
      Workload workload, Container container, RuleContext context, FindingSink sink) {
    if (container.type() == Container.Type.EPHEMERAL) {
      return; // ephemeral containers cannot have resources
    }
    JsonNode requests = container.node().path("resources").path("requests");
    JsonNode limits = container.node().path("resources").path("limits");
    List<String> missing = new ArrayList<>();
    for (String resource : List.of("cpu", "memory")) {
      // A limit alone defaults the request to the same value.
      if (!requests.has(resource) && !limits.has(resource)) {
        missing.add(resource);
      }
    }
    if (!missing.isEmpty()) {
      sink.report(
          workload.resource(),
          container,
          container.path() + ".resources.requests has no " + String.join(" or ", missing));
    }
  }
}
