package dev.kube4c.rules.ingress;

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

/** A rule without a host answers for every name that resolves to the load balancer. */
public final class IngressWildcardHost extends ResourceRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("ingress-wildcard-host")
          .title("Ingress without host or with a wildcard host")
          .area(Area.INGRESS_TLS)
          .severity(Severity.LOW)
          .rationale(
              "An Ingress rule with no host (or *.domain) serves any Host header that reaches the controller, which enables host-header attacks, exposes the backend under unexpected names and cannot match a specific certificate.")
          .remediation("Set explicit host names on every Ingress rule and list them in spec.tls.")
          .references(
              "https://kubernetes.io/docs/concepts/services-networking/ingress/#hostname-wildcards")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Network separation and hardening")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public IngressWildcardHost() {
    super("Ingress");
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Resource ingress, RuleContext context, FindingSink sink) {
    List<String> found = new ArrayList<>();
    JsonNode rules = JsonLists.of(ingress.spec().path("rules"));
    for (int i = 0; i < rules.size(); i++) {
      String host = rules.get(i).path("host").asText("");
      if (host.isEmpty()) {
        found.add("spec.rules[" + i + "] has no host");
      } else if (host.startsWith("*")) {
        found.add("spec.rules[" + i + "].host is " + host);
      }
    }
    if (!found.isEmpty()) {
      sink.report(ingress, String.join("; ", found));
    }
  }
}
