package dev.kube4c.rules.components;

import dev.kube4c.components.Component;
import dev.kube4c.components.ComponentConfig;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** CIS 1.2.32: aPI server allows weak TLS. */
public final class ApiserverWeakTlsCiphers extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("apiserver-weak-tls-ciphers")
          .title("API server allows weak TLS")
          .area(Area.COMPONENTS)
          .severity(Severity.MEDIUM)
          .rationale(
              "CBC, RC4 and 3DES suites and TLS versions before 1.2 have practical attacks; an API server that offers them lets a network attacker downgrade client connections.")
          .remediation(
              "Set --tls-cipher-suites to AEAD suites with forward secrecy (ECDHE with AES-GCM or ChaCha20-Poly1305) and --tls-min-version to VersionTLS12 or VersionTLS13.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/")
          .frameworks(Frameworks.NONE.withCis("1.2.32").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ApiserverWeakTlsCiphers() {
    super(Component.APISERVER);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    checkTls(
        config.flag("tls-cipher-suites").orElse(null),
        config.flag("tls-min-version").orElse(null),
        problems);
  }
}
