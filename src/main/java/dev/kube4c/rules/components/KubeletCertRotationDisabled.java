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

/** CIS 4.2.10, 4.2.11: kubelet certificate rotation disabled. */
public final class KubeletCertRotationDisabled extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("kubelet-cert-rotation-disabled")
          .title("Kubelet certificate rotation disabled")
          .area(Area.COMPONENTS)
          .severity(Severity.MEDIUM)
          .rationale(
              "Without rotation kubelet certificates expire (taking the node down) or are issued long-lived; a stolen certificate then stays valid for its whole lifetime.")
          .remediation(
              "Keep rotateCertificates: true and the RotateKubeletServerCertificate feature on (do not set it to false in featureGates or --feature-gates).")
          .references(
              "https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/",
              "https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/")
          .frameworks(
              Frameworks.NONE.withCis("4.2.10", "4.2.11").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public KubeletCertRotationDisabled() {
    super(Component.KUBELET);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    FlagValue rotate = config.kubelet("rotate-certificates", "rotateCertificates", "", "");
    if (rotate.isFalse()) {
      problems.add(rotate.describe());
    }
    config
        .flag("feature-gates")
        .filter(f -> f.value().replace(" ", "").contains("RotateKubeletServerCertificate=false"))
        .ifPresent(f -> problems.add(f.describe()));
    if (config.hasKubeletConfig()
        && config
            .kubeletConfig()
            .path("featureGates")
            .path("RotateKubeletServerCertificate")
            .asText()
            .equals("false")) {
      problems.add("featureGates.RotateKubeletServerCertificate is false");
    }
  }
}
