package dev.kube4c.rules.code;

import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.ResourceRule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** A NodePort opens the same port on every node of the cluster. */
public final class ServiceNodePort extends ResourceRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("service-node-port")
          .title("NodePort Service")
          .area(Area.EXPOSED_PORTS)
          .severity(Severity.LOW)
          .rationale(
              "A NodePort Service listens on a port of every node; wherever nodes have reachable addresses the service is exposed beyond the cluster, usually without TLS or authentication in front.")
          .remediation(
              "Use a ClusterIP Service behind an Ingress or Gateway, or an internal LoadBalancer; if NodePort is needed, firewall the node port range.")
          .references(
              "https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Network separation and hardening")
                  .withMitre("T1133")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ServiceNodePort() {
    super("Service");
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Resource service, RuleContext context, FindingSink sink) {
    if (service.spec().path("type").asText().equals("NodePort")) {
      sink.report(service, "spec.type is NodePort");
    }
  }
}
