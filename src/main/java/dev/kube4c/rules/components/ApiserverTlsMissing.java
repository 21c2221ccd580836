package dev.kube4c.rules.components;

import dev.kube4c.components.Component;
import dev.kube4c.components.ComponentConfig;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** CIS 1.2.26, 1.2.27, 1.2.28: aPI server serving certificate or client CA missing. */
public final class ApiserverTlsMissing extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("apiserver-tls-missing")
          .title("API server serving certificate or client CA missing")
          .area(Area.COMPONENTS)
          .severity(Severity.HIGH)
          .rationale(
              "Without its own certificate and key the API server serves a self-signed certificate that clients cannot verify; without a client CA it cannot authenticate users and components by certificate.")
          .remediation(
              "Set --tls-cert-file, --tls-private-key-file and --client-ca-file on kube-apiserver.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/",
              "https://kubernetes.io/docs/setup/best-practices/certificates/")
          .frameworks(
              Frameworks.NONE
                  .withCis("1.2.26", "1.2.27", "1.2.28")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ApiserverTlsMissing() {
    super(Component.APISERVER);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    requireSet(config, problems, "tls-cert-file", "tls-private-key-file", "client-ca-file");
  }
}
