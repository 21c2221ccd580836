package dev.kube4c.rules.cluster;

import dev.kube4c.inventory.QosClass;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.rules.WorkloadRule;

/** BestEffort pods are the first to be evicted and the easiest way to overcommit a node. */
public final class QosBestEffort extends WorkloadRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("qos-best-effort")
          .title("Pod QoS class would be BestEffort")
          .area(Area.QOS)
          .severity(Severity.MEDIUM)
          .rationale(
              "A pod whose containers set no cpu or memory requests or limits gets the BestEffort QoS class: it is evicted first under node pressure and gives the scheduler nothing to plan with, so availability depends on its neighbours.")
          .remediation(
              "Set requests (and a memory limit) on the pod's containers to get Burstable, or equal requests and limits to get Guaranteed.")
          .references("https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/")
          .frameworks(Frameworks.NONE.withMitre("T1499").withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Workload workload, RuleContext context, FindingSink sink) {
    QosClass qos = QosClass.of(workload);
    if (qos == QosClass.BEST_EFFORT) {
      sink.report(
          workload.resource(),
          "computed QoS class is "
              + qos.title()
              + ": no container in "
              + workload.podSpecPath()
              + " sets cpu or memory requests or limits");
    }
  }
}
