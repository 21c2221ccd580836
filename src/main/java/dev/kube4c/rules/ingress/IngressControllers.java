package dev.kube4c.rules.ingress;

import dev.kube4c.inventory.Resource;
import java.util.Locale;
import java.util.Map;

/**
 * Which controller serves an Ingress (from ingressClassName or the legacy class annotation, or its
 * controller-specific annotations) and whether that controller redirects plain HTTP to HTTPS.
 */
final class IngressControllers {

  enum Controller {
    NGINX,
    TRAEFIK,
    HAPROXY,
    AGIC,
    ALB,
    UNKNOWN
  }

  private IngressControllers() {}

  static Controller of(Resource ingress) {
    String name =
        ingress
            .spec()
            .path("ingressClassName")
            .asText(ingress.annotations().getOrDefault("kubernetes.io/ingress.class", ""))
            .toLowerCase(Locale.ROOT);
    Map<String, String> annotations = ingress.annotations();
    if (name.contains("nginx") || hasPrefix(annotations, "nginx.ingress.kubernetes.io/")) {
      return Controller.NGINX;
    }
    if (name.contains("traefik") || hasPrefix(annotations, "traefik.ingress.kubernetes.io/")) {
      return Controller.TRAEFIK;
    }
    if (name.contains("haproxy") || hasPrefix(annotations, "haproxy.org/")) {
      return Controller.HAPROXY;
    }
    if (name.contains("application-gateway")
        || name.contains("agic")
        || hasPrefix(annotations, "appgw.ingress.kubernetes.io/")) {
      return Controller.AGIC;
    }
    if (name.equals("alb") || hasPrefix(annotations, "alb.ingress.kubernetes.io/")) {
      return Controller.ALB;
    }
    return Controller.UNKNOWN;
  }

  /**
   * Null when the controller is unknown (no verdict), else whether HTTP is redirected, with the
   * reason.
   */
  static String redirectGap(Resource ingress) {
    Map<String, String> a = ingress.annotations();
    return switch (of(ingress)) {
      // ingress-nginx redirects to HTTPS by default once TLS is configured.
      case NGINX ->
          "false".equalsIgnoreCase(a.get("nginx.ingress.kubernetes.io/ssl-redirect"))
                  && !"true"
                      .equalsIgnoreCase(a.get("nginx.ingress.kubernetes.io/force-ssl-redirect"))
              ? "nginx.ingress.kubernetes.io/ssl-redirect is \"false\""
              : "";
      case TRAEFIK -> {
        String entrypoints = a.getOrDefault("traefik.ingress.kubernetes.io/router.entrypoints", "");
        String middlewares = a.getOrDefault("traefik.ingress.kubernetes.io/router.middlewares", "");
        boolean httpsOnly =
            !entrypoints.isEmpty()
                && !entrypoints.contains("web,")
                && !entrypoints.equals("web")
                && !entrypoints.endsWith(",web");
        yield httpsOnly || middlewares.toLowerCase(Locale.ROOT).contains("redirect")
            ? ""
            : "Traefik: no websecure-only router.entrypoints and no redirect middleware";
      }
      // HAProxy Ingress redirects by default when TLS is set, unless switched off.
      case HAPROXY ->
          "false"
                  .equalsIgnoreCase(
                      a.getOrDefault(
                          "haproxy.org/ssl-redirect", a.get("ingress.kubernetes.io/ssl-redirect")))
              ? "haproxy.org/ssl-redirect is \"false\""
              : "";
      case AGIC ->
          "true".equalsIgnoreCase(a.get("appgw.ingress.kubernetes.io/ssl-redirect"))
              ? ""
              : "appgw.ingress.kubernetes.io/ssl-redirect is not \"true\" (AGIC does not redirect by default)";
      case ALB ->
          a.containsKey("alb.ingress.kubernetes.io/ssl-redirect")
                  || (a.getOrDefault("alb.ingress.kubernetes.io/listen-ports", "").contains("HTTPS")
                      && !a.getOrDefault("alb.ingress.kubernetes.io/listen-ports", "")
                          .contains("\"HTTP\""))
              ? ""
              : "alb.ingress.kubernetes.io/ssl-redirect is not set and HTTP listeners are open";
      case UNKNOWN -> null;
    };
  }

  private static boolean hasPrefix(Map<String, String> annotations, String prefix) {
    return annotations.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }
}
