package dev.kube4c.rules.netpol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.JsonLists;
import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.ResourceRule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.ArrayList;
import java.util.List;

/** A rule that admits every source turns a policy into decoration. */
public final class NetpolAllowAll extends ResourceRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("netpol-allow-all")
          .title("NetworkPolicy admits all sources")
          .area(Area.NETWORK_POLICIES)
          .severity(Severity.MEDIUM)
          .rationale(
              "An ingress rule with no 'from' (or '- {}') and no port limit, or an ipBlock of 0.0.0.0/0, admits every pod and every address; the selected pods are as exposed as without any policy, while the policy suggests otherwise.")
          .remediation(
              "Replace the open rule with the specific podSelector/namespaceSelector peers and ports the workload serves; for internet-facing traffic allow only the ingress controller.")
          .references(
              "https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-ingress-traffic")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Network separation and hardening")
                  .withMitre("T1210")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public NetpolAllowAll() {
    super("NetworkPolicy");
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Resource policy, RuleContext context, FindingSink sink) {
    JsonNode rules = JsonLists.of(policy.spec().path("ingress"));
    List<String> open = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      JsonNode from = JsonLists.of(rule.path("from"));
      boolean noPorts = !rule.path("ports").isArray() || rule.path("ports").isEmpty();
      if ((!from.isArray() || from.isEmpty()) && noPorts) {
        open.add("spec.ingress[" + i + "] has no 'from' and no ports (all sources, all ports)");
        continue;
      }
      for (int j = 0; j < from.size(); j++) {
        String cidr = from.get(j).path("ipBlock").path("cidr").asText("");
        if (cidr.equals("0.0.0.0/0") || cidr.equals("::/0")) {
          open.add("spec.ingress[" + i + "].from[" + j + "].ipBlock.cidr is " + cidr);
        }
      }
    }
    if (!open.isEmpty()) {
      sink.report(policy, String.join("; ", open));
    }
  }
}
