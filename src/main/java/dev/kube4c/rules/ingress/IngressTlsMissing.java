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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Traffic from users to the cluster's front door must be encrypted. */
public final class IngressTlsMissing extends ResourceRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("ingress-tls-missing")
          .title("Ingress host or Gateway listener without TLS")
          .area(Area.INGRESS_TLS)
          .severity(Severity.HIGH)
          .rationale(
              "A host served over plain HTTP exposes credentials, session cookies and data to anyone on the path and allows tampering; Ingress and Gateway are where TLS for cluster traffic is terminated.")
          .remediation(
              "Add a spec.tls entry covering every host (for example with a cert-manager Certificate), or give the Gateway an HTTPS listener with certificateRefs.")
          .references(
              "https://kubernetes.io/docs/concepts/services-networking/ingress/#tls",
              "https://gateway-api.sigs.k8s.io/guides/tls/")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Network separation and hardening")
                  .withMitre("T1557")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public IngressTlsMissing() {
    super("Ingress", "Gateway");
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Resource resource, RuleContext context, FindingSink sink) {
    if (resource.kind().equals("Gateway")) {
      checkGateway(resource, sink);
      return;
    }
    Set<String> tlsHosts = new HashSet<>();
    for (JsonNode tls : resource.spec().path("tls")) {
      tls.path("hosts").forEach(h -> tlsHosts.add(h.asText()));
    }
    boolean hostlessTls = false;
    for (JsonNode tls : resource.spec().path("tls")) {
      hostlessTls |= tls.path("hosts").isEmpty();
    }
    List<String> plain = new ArrayList<>();
    JsonNode rules = JsonLists.of(resource.spec().path("rules"));
    for (int i = 0; i < rules.size(); i++) {
      String host = rules.get(i).path("host").asText("");
      boolean covered =
          host.isEmpty()
              ? hostlessTls
              : tlsHosts.contains(host) || tlsHosts.contains(wildcardOf(host));
      if (!covered) {
        plain.add(host.isEmpty() ? "spec.rules[" + i + "] (no host)" : host);
      }
    }
    if (rules.isEmpty()
        && resource.spec().has("defaultBackend")
        && resource.spec().path("tls").isEmpty()) {
      plain.add("spec.defaultBackend");
    }
    if (!plain.isEmpty()) {
      sink.report(resource, "served without TLS (no spec.tls entry): " + String.join(", ", plain));
    }
  }

  private static void checkGateway(Resource gateway, FindingSink sink) {
    JsonNode listeners = JsonLists.of(gateway.spec().path("listeners"));
    boolean secure = false;
    List<String> plain = new ArrayList<>();
    for (int i = 0; i < listeners.size(); i++) {
      String protocol = listeners.get(i).path("protocol").asText();
      if (protocol.equals("HTTPS") || protocol.equals("TLS")) {
        secure = true;
      } else if (protocol.equals("HTTP")) {
        plain.add(
            "spec.listeners[" + i + "] " + listeners.get(i).path("name").asText() + " is HTTP");
      }
    }
    // An HTTP listener beside an HTTPS one is judged by ingress-http-not-redirected instead.
    if (!plain.isEmpty() && !secure) {
      sink.report(gateway, String.join("; ", plain) + " and no listener uses HTTPS or TLS");
    }
  }

  private static String wildcardOf(String host) {
    int dot = host.indexOf('.');
    return dot > 0 ? "*" + host.substring(dot) : host;
  }
}
