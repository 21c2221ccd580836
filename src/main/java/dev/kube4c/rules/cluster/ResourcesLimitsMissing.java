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

/**
 * A memory limit bounds what one container can take from its node; a cpu limit is a softer matter.
 */
public final class ResourcesLimitsMissing extends ContainerRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("resources-limits-missing")
          .title("Container without memory limit")
          .area(Area.QOS)
          .severity(Severity.MEDIUM)
          .rationale(
              "Without a memory limit a leaking or compromised container can consume the node's memory until the kernel kills other workloads. CPU limits matter less (CPU is compressible and limits cause throttling), so a missing CPU limit alone is informational.")
          .remediation(
              "Set resources.limits.memory on every container; set a cpu limit where strict isolation matters more than throughput.")
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
      return;
    }
    JsonNode limits = container.node().path("resources").path("limits");
    if (!limits.has("memory")) {
      String cpu = limits.has("cpu") ? "" : " (nor cpu)";
      sink.report(
          workload.resource(),
          container,
          container.path() + ".resources.limits has no memory" + cpu);
    } else if (!limits.has("cpu")) {
      sink.report(
          workload.resource(),
          container,
          container.path() + ".resources.limits has no cpu",
          Severity.INFO);
    }
  }
}
