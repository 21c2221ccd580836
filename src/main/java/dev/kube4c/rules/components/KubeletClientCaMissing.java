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

/** CIS 4.2.3: kubelet has no client CA. */
public final class KubeletClientCaMissing extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("kubelet-client-ca-missing")
          .title("Kubelet has no client CA")
          .area(Area.AUTHENTICATION)
          .severity(Severity.HIGH)
          .rationale(
              "Without a client CA file the kubelet cannot authenticate the API server or other clients by certificate, so it either rejects them or must fall back to anonymous access.")
          .remediation(
              "Set authentication.x509.clientCAFile in the KubeletConfiguration (or --client-ca-file) to the cluster CA.")
          .references("https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/")
          .frameworks(Frameworks.NONE.withCis("4.2.3").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public KubeletClientCaMissing() {
    super(Component.KUBELET);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    FlagValue ca = config.kubelet("client-ca-file", "authentication.x509.clientCAFile", "", "");
    if (ca.value().isBlank()) {
      problems.add(ca.isDefault() ? ca.origin() : ca.describe());
    }
  }
}
