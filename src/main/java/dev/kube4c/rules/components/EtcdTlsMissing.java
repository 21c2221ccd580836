package dev.kube4c.rules.components;

import dev.kube4c.components.Component;
import dev.kube4c.components.ComponentConfig;
import dev.kube4c.components.FlagValue;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** CIS 2.1, 2.2, 2.3, 2.4, 2.5, 2.6: etcd without TLS or client certificate authentication. */
public final class EtcdTlsMissing extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("etcd-tls-missing")
          .title("etcd without TLS or client certificate authentication")
          .area(Area.COMPONENTS)
          .severity(Severity.HIGH)
          .rationale(
              "etcd holds the whole cluster state including every Secret. Without TLS and client certificate authentication on the client and peer ports, anyone who reaches them reads or rewrites the cluster; auto-generated certificates prove nothing about the other side.")
          .remediation(
              "Run etcd with --cert-file, --key-file, --client-cert-auth=true, --peer-cert-file, --peer-key-file, --peer-client-cert-auth=true, and without --auto-tls or --peer-auto-tls.")
          .references(
              "https://etcd.io/docs/latest/op-guide/security/",
              "https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters")
          .frameworks(
              Frameworks.NONE
                  .withCis("2.1", "2.2", "2.3", "2.4", "2.5", "2.6")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public EtcdTlsMissing() {
    super(Component.ETCD);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    requireSet(config, problems, "cert-file", "key-file");
    FlagValue clientAuth = flag(config, "client-cert-auth", "false");
    if (!clientAuth.isTrue()) {
      problems.add(clientAuth.describe());
    }
    config.flag("auto-tls").filter(FlagValue::isTrue).ifPresent(f -> problems.add(f.describe()));
    requireSet(config, problems, "peer-cert-file", "peer-key-file");
    FlagValue peerAuth = flag(config, "peer-client-cert-auth", "false");
    if (!peerAuth.isTrue()) {
      problems.add(peerAuth.describe());
    }
    config
        .flag("peer-auto-tls")
        .filter(FlagValue::isTrue)
        .ifPresent(f -> problems.add(f.describe()));
  }
}
