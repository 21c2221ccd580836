package dev.kube4c.rules.components;

import dev.kube4c.components.Component;
import dev.kube4c.components.ComponentConfig;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** CIS 1.2.4, 1.2.5: aPI server talks to kubelets without client certificate or CA. */
public final class ApiserverKubeletTlsMissing extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("apiserver-kubelet-tls-missing")
          .title("API server talks to kubelets without client certificate or CA")
          .area(Area.COMPONENTS)
          .severity(Severity.HIGH)
          .rationale(
              "Without a client certificate the API server cannot authenticate to kubelets (which must then allow anonymous access), and without the kubelet CA it cannot tell a real kubelet from a man in the middle that collects exec and log traffic.")
          .remediation(
              "Set --kubelet-client-certificate, --kubelet-client-key and --kubelet-certificate-authority on kube-apiserver, and serve kubelets with certificates signed by that CA.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/",
              "https://kubernetes.io/docs/concepts/security/controlling-access/")
          .frameworks(
              Frameworks.NONE.withCis("1.2.4", "1.2.5").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ApiserverKubeletTlsMissing() {
    super(Component.APISERVER);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    requireSet(
        config,
        problems,
        "kubelet-client-certificate",
        "kubelet-client-key",
        "kubelet-certificate-authority");
  }
}
