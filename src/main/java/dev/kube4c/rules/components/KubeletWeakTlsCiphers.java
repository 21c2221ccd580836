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

/** CIS 4.2.12: kubelet allows weak TLS. */
public final class KubeletWeakTlsCiphers extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("kubelet-weak-tls-ciphers")
          .title("Kubelet allows weak TLS")
          .area(Area.COMPONENTS)
          .severity(Severity.MEDIUM)
          .rationale(
              "CBC, RC4 and 3DES suites and TLS versions before 1.2 have practical attacks; a kubelet that offers them lets a network attacker downgrade connections carrying exec sessions and logs.")
          .remediation(
              "Set tlsCipherSuites in the KubeletConfiguration to the CIS list of AEAD suites (ECDHE with AES-GCM or ChaCha20-Poly1305) and tlsMinVersion to VersionTLS12 or later.")
          .references("https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/")
          .frameworks(Frameworks.NONE.withCis("4.2.12").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public KubeletWeakTlsCiphers() {
    super(Component.KUBELET);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    FlagValue suites = config.kubelet("tls-cipher-suites", "tlsCipherSuites", "", "");
    FlagValue min = config.kubelet("tls-min-version", "tlsMinVersion", "", "");
    checkTls(suites.isDefault() ? null : suites, min.isDefault() ? null : min, problems);
  }
}
