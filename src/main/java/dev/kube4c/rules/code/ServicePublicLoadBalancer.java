package dev.kube4c.rules.code;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.ResourceRule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.Map;

/** A LoadBalancer Service is on the internet unless the provider is told otherwise. */
public final class ServicePublicLoadBalancer extends ResourceRule {

  /**
   * Provider annotations that make a load balancer internal, with the value that does it (null: any
   * value).
   */
  private static final Map<String, String> INTERNAL =
      Map.of(
          "service.beta.kubernetes.io/azure-load-balancer-internal", "true",
          "networking.gke.io/load-balancer-type", "internal",
          "cloud.google.com/load-balancer-type", "internal",
          "service.beta.kubernetes.io/aws-load-balancer-internal", "true",
          "service.beta.kubernetes.io/aws-load-balancer-scheme", "internal",
          "service.beta.kubernetes.io/oci-load-balancer-internal", "true",
          "service.beta.kubernetes.io/openstack-internal-load-balancer", "true",
          "service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type", "private");

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("service-public-load-balancer")
          .title("Public load balancer without source ranges")
          .area(Area.EXPOSED_PORTS)
          .severity(Severity.HIGH)
          .rationale(
              "A LoadBalancer Service without an internal annotation gets a public address, and without loadBalancerSourceRanges anyone on the internet can connect; internal tools and databases are regularly exposed this way.")
          .remediation(
              "Add the provider's internal load balancer annotation, or restrict spec.loadBalancerSourceRanges to known networks, or put the service behind an Ingress with TLS and a WAF.")
          .references(
              "https://kubernetes.io/docs/concepts/services-networking/service/#internal-load-balancer")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Network separation and hardening")
                  .withMitre("T1133")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .readsAtAdmission("Service")
          .build();

  public ServicePublicLoadBalancer() {
    super("Service");
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Resource service, RuleContext context, FindingSink sink) {
    if (!service.spec().path("type").asText().equals("LoadBalancer")
        || isInternal(service.annotations())) {
      return;
    }
    JsonNode ranges = service.spec().path("loadBalancerSourceRanges");
    boolean open = ranges.isEmpty();
    for (JsonNode range : ranges) {
      open |= range.asText().equals("0.0.0.0/0") || range.asText().equals("::/0");
    }
    if (open) {
      String why =
          ranges.isEmpty()
              ? "no spec.loadBalancerSourceRanges"
              : "spec.loadBalancerSourceRanges allows the whole internet";
      sink.report(service, "spec.type is LoadBalancer with no internal annotation and " + why);
    }
  }

  static boolean isInternal(Map<String, String> annotations) {
    for (Map.Entry<String, String> e : INTERNAL.entrySet()) {
      String value = annotations.get(e.getKey());
      if (value != null
          && (value.equalsIgnoreCase(e.getValue())
              || e.getKey().endsWith("aws-load-balancer-internal")
                  && !value.equalsIgnoreCase("false"))) {
        return true;
      }
    }
    return false;
  }
}
