package dev.kube4c.rules.netpol;

import dev.kube4c.inventory.SecurityContexts;
import dev.kube4c.inventory.Workload;
import dev.kube4c.netpol.NetworkPolicyModel;
import dev.kube4c.netpol.NetworkPolicyModel.Direction;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** A pod that no ingress policy selects accepts connections from every pod of the cluster. */
public final class NetpolPodUnprotected implements Rule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("netpol-pod-unprotected")
          .title("Workload selected by no ingress NetworkPolicy")
          .area(Area.NETWORK_POLICIES)
          .severity(Severity.MEDIUM)
          .rationale(
              "Until an ingress NetworkPolicy selects a pod, every other pod in the cluster (and anything routed into the pod network) can connect to all of its ports; one compromised workload can then reach it directly.")
          .remediation(
              "Add a NetworkPolicy that selects the workload's pod labels and allows ingress only from the clients and ports it serves (or a namespace default deny).")
          .references("https://kubernetes.io/docs/concepts/services-networking/network-policies/")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.3.2")
                  .withNsa("Network separation and hardening")
                  .withMitre("T1210")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .readsAtAdmission("NetworkPolicy")
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  public void check(RuleContext context, FindingSink sink) {
    NetworkPolicyModel model = NetworkPolicyModel.of(context.inventory());
    for (Workload workload : context.inventory().workloads()) {
      if (SecurityContexts.isTrue(workload.podSpec().path("hostNetwork"))) {
        continue; // NetworkPolicies do not apply to host-network pods; container-host-namespaces
        // covers them
      }
      if (model.selecting(workload, Direction.INGRESS).isEmpty()) {
        sink.report(
            workload.resource(),
            "no ingress NetworkPolicy in namespace "
                + workload.namespace()
                + " selects the pod labels "
                + workload.podLabels());
      }
    }
  }
}
