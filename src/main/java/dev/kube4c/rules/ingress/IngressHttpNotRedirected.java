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
import java.util.HashSet;
import java.util.Set;

/** TLS that users can skip by typing http:// protects only the careful ones. */
public final class IngressHttpNotRedirected extends ResourceRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("ingress-http-not-redirected")
          .title("TLS configured but plain HTTP not redirected")
          .area(Area.INGRESS_TLS)
          .severity(Severity.MEDIUM)
          .rationale(
              "When plain HTTP stays open beside HTTPS, first requests, old links and downgrade attacks (SSL stripping) still travel unencrypted. Whether HTTP is redirected depends on the controller: ingress-nginx and HAProxy do it by default once TLS is set, AGIC, Traefik and AWS ALB need annotations, a Gateway needs an HTTPRoute with a RequestRedirect filter.")
          .remediation(
              "Enable the controller's HTTPS redirect (for example appgw.ingress.kubernetes.io/ssl-redirect: \"true\" or alb.ingress.kubernetes.io/ssl-redirect: '443'), or attach an HTTPRoute with a RequestRedirect (scheme https) to the Gateway's HTTP listener.")
          .references(
              "https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#server-side-https-enforcement-through-redirect",
              "https://gateway-api.sigs.k8s.io/guides/http-redirect-rewrite/")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Network separation and hardening")
                  .withMitre("T1557")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .notAtAdmission()
          .build();

  public IngressHttpNotRedirected() {
    super("Ingress", "Gateway");
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Resource resource, RuleContext context, FindingSink sink) {
    if (resource.kind().equals("Gateway")) {
      checkGateway(resource, context, sink);
      return;
    }
    if (resource.spec().path("tls").isEmpty()) {
      return; // no TLS at all is ingress-tls-missing
    }
    String gap = IngressControllers.redirectGap(resource);
    if (gap != null && !gap.isEmpty()) {
      sink.report(resource, "spec.tls is set but plain HTTP is not redirected: " + gap);
    }
  }

  private static void checkGateway(Resource gateway, RuleContext context, FindingSink sink) {
    JsonNode listeners = JsonLists.of(gateway.spec().path("listeners"));
    boolean secure = false;
    for (JsonNode listener : listeners) {
      secure |= listener.path("protocol").asText().equals("HTTPS");
    }
    if (!secure) {
      return;
    }
    for (int i = 0; i < listeners.size(); i++) {
      JsonNode listener = listeners.get(i);
      if (listener.path("protocol").asText().equals("HTTP")
          && !redirected(gateway, listener.path("name").asText(), context)) {
        sink.report(
            gateway,
            "spec.listeners["
                + i
                + "] "
                + listener.path("name").asText()
                + " is HTTP beside an HTTPS listener and no HTTPRoute attached to it redirects to https");
        return;
      }
    }
  }

  /**
   * Whether an HTTPRoute attached to the listener (by parentRef name, and sectionName when given)
   * redirects to https.
   */
  private static boolean redirected(Resource gateway, String listener, RuleContext context) {
    Set<String> parents =
        context
            .inventory()
            .clusterWide() // an HTTPRoute may attach to a Gateway in another namespace
            .derived(RedirectingParents.class, RedirectingParents::of)
            .keys();
    String gatewayKey = gateway.effectiveNamespace() + "/" + gateway.name();
    return parents.contains(gatewayKey) || parents.contains(gatewayKey + "#" + listener);
  }

  /**
   * The parents (NAMESPACE/GATEWAY, or with #SECTION) of every HTTPRoute that redirects to https,
   * indexed once per scan.
   */
  record RedirectingParents(Set<String> keys) {
    static RedirectingParents of(dev.kube4c.inventory.Inventory inventory) {
      Set<String> keys = new HashSet<>();
      for (Resource route : inventory.ofKind("HTTPRoute")) {
        if (!redirectsToHttps(route)) {
          continue;
        }
        for (JsonNode parent : route.spec().path("parentRefs")) {
          String key =
              parent.path("namespace").asText(route.effectiveNamespace())
                  + "/"
                  + parent.path("name").asText();
          keys.add(
              parent.has("sectionName") ? key + "#" + parent.path("sectionName").asText() : key);
        }
      }
      return new RedirectingParents(Set.copyOf(keys));
    }
  }

  private static boolean redirectsToHttps(Resource route) {
    for (JsonNode rule : route.spec().path("rules")) {
      for (JsonNode filter : rule.path("filters")) {
        if (filter.path("type").asText().equals("RequestRedirect")
            && filter.path("requestRedirect").path("scheme").asText().equals("https")) {
          return true;
        }
      }
    }
    return false;
  }
}
