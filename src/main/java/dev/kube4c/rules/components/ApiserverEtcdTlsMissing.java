package dev.kube4c.rules.components;

import dev.kube4c.components.Component;
import dev.kube4c.components.ComponentConfig;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** CIS 1.2.25, 1.2.29: aPI server talks to etcd without TLS client credentials. */
public final class ApiserverEtcdTlsMissing extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("apiserver-etcd-tls-missing")
          .title("API server talks to etcd without TLS client credentials")
          .area(Area.COMPONENTS)
          .severity(Severity.HIGH)
          .rationale(
              "etcd holds every Secret of the cluster. Without a client certificate and the etcd CA the API server cannot authenticate to etcd or verify it, so etcd must accept unauthenticated clients or traffic can be intercepted.")
          .remediation(
              "Set --etcd-certfile, --etcd-keyfile and --etcd-cafile on kube-apiserver, and run etcd with client certificate authentication.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/",
              "https://etcd.io/docs/latest/op-guide/security/")
          .frameworks(
              Frameworks.NONE.withCis("1.2.25", "1.2.29").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ApiserverEtcdTlsMissing() {
    super(Component.APISERVER);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    requireSet(config, problems, "etcd-certfile", "etcd-keyfile", "etcd-cafile");
  }
}
