package dev.kube4c.rules.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.JsonLists;
import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.ResourceRule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * A TLS entry whose Secret does not exist makes the controller fall back to its default
 * certificate.
 */
public final class IngressTlsSecretMissing extends ResourceRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("ingress-tls-secret-missing")
          .title("Ingress TLS secret not found")
          .area(Area.INGRESS_TLS)
          .severity(Severity.LOW)
          .rationale(
              "When spec.tls names a Secret that does not exist, controllers serve their default (often self-signed) certificate or no TLS, which users learn to click through. Judged only when Secrets of the Ingress namespace are in the input, since certificates are usually created by cert-manager at runtime.")
          .remediation(
              "Create the Secret (or the cert-manager Certificate that produces it) in the Ingress namespace, or fix the secretName.")
          .references("https://kubernetes.io/docs/concepts/services-networking/ingress/#tls")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Network separation and hardening")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .notAtAdmission()
          .build();

  public IngressTlsSecretMissing() {
    super("Ingress");
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Resource ingress, RuleContext context, FindingSink sink) {
    String namespace = ingress.effectiveNamespace();
    if (context.inventory().ofKind("Secret", namespace).isEmpty()) {
      return;
    }
    List<String> missing = new ArrayList<>();
    JsonNode tls = JsonLists.of(ingress.spec().path("tls"));
    for (int i = 0; i < tls.size(); i++) {
      String secret = tls.get(i).path("secretName").asText("");
      if (!secret.isEmpty() && context.inventory().find("Secret", namespace, secret).isEmpty()) {
        missing.add("spec.tls[" + i + "].secretName " + secret);
      }
    }
    if (!missing.isEmpty()) {
      sink.report(
          ingress, String.join("; ", missing) + " names no Secret in namespace " + namespace);
    }
  }
}
