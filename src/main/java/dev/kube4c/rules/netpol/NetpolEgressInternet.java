package dev.kube4c.rules.netpol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.JsonLists;
import dev.kube4c.inventory.Resource;
import dev.kube4c.netpol.NetworkPolicyModel;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.ResourceRule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.ArrayList;
import java.util.List;

/** Open egress to the internet is how data leaves and how malware calls home. */
public final class NetpolEgressInternet extends ResourceRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("netpol-egress-internet")
          .title("NetworkPolicy allows egress to the internet")
          .area(Area.NETWORK_POLICIES)
          .severity(Severity.LOW)
          .rationale(
              "Egress to 0.0.0.0/0 (or ::/0, or an egress rule with no destination and no port limit) lets the selected pods reach any address: exfiltration, command-and-control and crypto-mining pools included.")
          .remediation(
              "Allow egress only to the CIDRs or in-cluster peers the workload needs, and route required internet access through an egress gateway or proxy.")
          .references(
              "https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-egress-traffic")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Network separation and hardening")
                  .withMitre("T1041")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public NetpolEgressInternet() {
    super("NetworkPolicy");
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Resource resource, RuleContext context, FindingSink sink) {
    if (!NetworkPolicyModel.policyOf(resource).egress()) {
      return;
    }
    JsonNode rules = JsonLists.of(resource.spec().path("egress"));
    List<String> open = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      JsonNode to = JsonLists.of(rule.path("to"));
      if ((!to.isArray() || to.isEmpty())
          && (!rule.path("ports").isArray() || rule.path("ports").isEmpty())) {
        open.add("spec.egress[" + i + "] has no 'to' and no ports (every destination)");
        continue;
      }
      for (int j = 0; j < to.size(); j++) {
        String cidr = to.get(j).path("ipBlock").path("cidr").asText("");
        if (cidr.equals("0.0.0.0/0") || cidr.equals("::/0")) {
          open.add("spec.egress[" + i + "].to[" + j + "].ipBlock.cidr is " + cidr);
        }
      }
    }
    if (!open.isEmpty()) {
      sink.report(resource, String.join("; ", open));
    }
  }
}
