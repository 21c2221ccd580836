package dev.kube4c.rules.netpol;

import dev.kube4c.inventory.Workload;
import dev.kube4c.netpol.NetworkPolicyModel;
import dev.kube4c.netpol.NetworkPolicyModel.Direction;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.NamespaceRule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/**
 * Pods accept any connection until a policy selects them; a namespace-wide default deny makes
 * "closed" the starting point. Ingress and egress are one finding: medium when ingress is open, low
 * when only egress is.
 */
public final class NetpolDefaultDenyMissing extends NamespaceRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("netpol-default-deny-missing")
          .title("Namespace without a default-deny NetworkPolicy")
          .area(Area.NETWORK_POLICIES)
          .severity(Severity.MEDIUM)
          .rationale(
              "Kubernetes pod networking is flat: any pod can reach any other until a NetworkPolicy selects it. A default-deny policy (empty podSelector, no rules) per namespace makes every new workload closed by default, so a compromised pod cannot move laterally or exfiltrate freely.")
          .remediation(
              "Add a NetworkPolicy with podSelector: {} and policyTypes [Ingress, Egress] and no rules to the namespace, then allow the flows each workload needs.")
          .references(
              "https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.3.2")
                  .withNsa("Network separation and hardening")
                  .withMitre("T1210")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .notAtAdmission()
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(
      String namespace, List<Workload> workloads, RuleContext context, NamespaceSink sink) {
    List<NetworkPolicyModel.Policy> policies =
        context.inventory().ofKind("NetworkPolicy", namespace).stream()
            .map(NetworkPolicyModel::policyOf)
            .toList();
    boolean ingress = policies.stream().anyMatch(p -> p.isDefaultDeny(Direction.INGRESS));
    boolean egress = policies.stream().anyMatch(p -> p.isDefaultDeny(Direction.EGRESS));
    if (!ingress) {
      sink.report(
          "namespace "
              + namespace
              + " has no default-deny ingress NetworkPolicy"
              + (egress ? "" : " (nor egress)"),
          Severity.MEDIUM);
    } else if (!egress) {
      sink.report(
          "namespace " + namespace + " has no default-deny egress NetworkPolicy", Severity.LOW);
    }
  }
}
