package dev.kube4c.rules.code;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Plain HTTP reachable from outside the cluster: an external Service (public LoadBalancer,
 * NodePort, externalIPs) with an HTTP port and no TLS termination at the load balancer; an Ingress
 * rule host not covered by spec.tls, naming the backend it exposes; an Istio Gateway HTTP server
 * without tls.httpsRedirect.
 */
public final class ServicePlaintextExposed implements Rule {

  private static final Set<Integer> HTTP_PORTS =
      Set.of(80, 3000, 5000, 8000, 8008, 8080, 8081, 8888, 9080);

  /**
   * Load balancer annotations that terminate TLS, with the annotation that limits which ports
   * (null: all).
   */
  private static final Map<String, String> LB_TLS =
      Map.of(
          "service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
              "service.beta.kubernetes.io/aws-load-balancer-ssl-ports",
          "service.beta.kubernetes.io/do-loadbalancer-certificate-id",
              "service.beta.kubernetes.io/do-loadbalancer-tls-ports",
          "service.beta.kubernetes.io/oci-load-balancer-ssl-ports",
              "service.beta.kubernetes.io/oci-load-balancer-ssl-ports");

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("service-plaintext-exposed")
          .title("Plain HTTP exposed outside the cluster")
          .area(Area.TLS_ONLY)
          .severity(Severity.MEDIUM)
          .rationale(
              "Traffic that leaves the cluster in plain HTTP can be read and changed by anyone on the path: session cookies, tokens and form data are exposed, and responses can be injected. TLS must terminate at the edge (load balancer, Ingress or mesh gateway) for every externally reachable HTTP port.")
          .remediation(
              "Terminate TLS in front of the service: add spec.tls to the Ingress (cert-manager can issue certificates), a TLS certificate annotation on the load balancer, or tls with httpsRedirect on the Istio Gateway; do not expose HTTP ports through LoadBalancer or NodePort Services directly.")
          .references(
              "https://kubernetes.io/docs/concepts/services-networking/ingress/#tls",
              "https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Network separation and hardening")
                  .withMitre("T1557")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .notAtAdmission()
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  public void check(RuleContext context, FindingSink sink) {
    for (Resource service : context.inventory().ofKind("Service")) {
      service(service, sink);
    }
    for (Resource ingress : context.inventory().ofKind("Ingress")) {
      ingress(ingress, sink);
    }
    for (Resource gateway : new IstioMesh(context.inventory()).gateways()) {
      gateway(gateway, sink);
    }
  }

  private static void service(Resource service, FindingSink sink) {
    String type = service.spec().path("type").asText("ClusterIP");
    boolean external =
        type.equals("NodePort")
            || type.equals("LoadBalancer")
                && !ServicePublicLoadBalancer.isInternal(service.annotations())
            || !service.spec().path("externalIPs").isEmpty();
    if (!external) {
      return;
    }
    Map<String, String> annotations = service.annotations();
    List<String> plain = new ArrayList<>();
    int i = 0;
    for (JsonNode port : service.spec().path("ports")) {
      if (isHttp(port) && !terminatedAtLoadBalancer(annotations, port)) {
        plain.add(
            "spec.ports["
                + i
                + "] "
                + port.path("port").asText()
                + (port.has("name") ? " (" + port.path("name").asText() + ")" : ""));
      }
      i++;
    }
    if (!plain.isEmpty()) {
      String how =
          !service.spec().path("externalIPs").isEmpty()
                  && !type.equals("LoadBalancer")
                  && !type.equals("NodePort")
              ? "externalIPs"
              : "type " + type;
      sink.report(
          service,
          "Service of "
              + how
              + " exposes plain HTTP on "
              + String.join(", ", plain)
              + " with no TLS termination in front");
    }
  }

  /**
   * HTTP by appProtocol, port name (http, http-*, but not https) or a well-known HTTP port number.
   */
  static boolean isHttp(JsonNode port) {
    String protocol = port.path("appProtocol").asText("").toLowerCase(Locale.ROOT);
    String name = port.path("name").asText("").toLowerCase(Locale.ROOT);
    if (protocol.equals("https")
        || protocol.equals("tls")
        || name.startsWith("https")
        || name.startsWith("tls")
        || name.contains("grpcs")) {
      return false;
    }
    if (protocol.equals("http")
        || protocol.equals("kubernetes.io/h2c")
        || protocol.equals("http2")) {
      return true;
    }
    if (name.equals("http") || name.startsWith("http-") || name.equals("web")) {
      return true;
    }
    return name.isEmpty() && HTTP_PORTS.contains(port.path("port").asInt());
  }

  private static boolean terminatedAtLoadBalancer(Map<String, String> annotations, JsonNode port) {
    for (Map.Entry<String, String> e : LB_TLS.entrySet()) {
      if (annotations.containsKey(e.getKey())) {
        String ports = annotations.getOrDefault(e.getValue(), "*");
        if (ports.equals("*")) {
          return true;
        }
        for (String p : ports.split(",")) {
          String item = p.trim();
          if (item.equals(port.path("port").asText())
              || item.equals(port.path("name").asText("\u0000"))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void ingress(Resource ingress, FindingSink sink) {
    Set<String> tlsHosts = new java.util.HashSet<>();
    boolean tlsWithoutHosts = false;
    for (JsonNode tls : ingress.spec().path("tls")) {
      if (tls.path("hosts").isEmpty()) {
        tlsWithoutHosts = true;
      }
      tls.path("hosts").forEach(h -> tlsHosts.add(h.asText()));
    }
    List<String> plain = new ArrayList<>();
    int i = 0;
    for (JsonNode rule : ingress.spec().path("rules")) {
      String host = rule.path("host").asText("");
      boolean covered =
          tlsHosts.contains(host)
              || tlsWithoutHosts && ingress.spec().path("tls").size() > 0 && host.isEmpty()
              || wildcardCovers(tlsHosts, host);
      if (!covered && rule.has("http")) {
        List<String> backends = new ArrayList<>();
        for (JsonNode path : rule.path("http").path("paths")) {
          JsonNode svc = path.path("backend").path("service");
          if (svc.has("name")) {
            JsonNode port = svc.path("port");
            backends.add(
                svc.path("name").asText()
                    + ":"
                    + (port.has("number")
                        ? port.path("number").asText()
                        : port.path("name").asText("?")));
          }
        }
        plain.add(
            "spec.rules["
                + i
                + "] host "
                + (host.isEmpty() ? "(any)" : host)
                + (backends.isEmpty() ? "" : " → " + String.join(", ", backends)));
      }
      i++;
    }
    JsonNode fallback = ingress.spec().path("defaultBackend").path("service");
    if (plain.isEmpty()
        && fallback.has("name")
        && ingress.spec().path("rules").isEmpty()
        && ingress.spec().path("tls").isEmpty()) {
      plain.add("spec.defaultBackend → " + fallback.path("name").asText());
    }
    if (!plain.isEmpty()) {
      sink.report(
          ingress,
          "plain HTTP to backends with no TLS on the Ingress: " + String.join("; ", plain));
    }
  }

  private static boolean wildcardCovers(Set<String> tlsHosts, String host) {
    int dot = host.indexOf('.');
    return dot > 0 && tlsHosts.contains("*" + host.substring(dot));
  }

  private static void gateway(Resource gateway, FindingSink sink) {
    List<String> plain = new ArrayList<>();
    int i = 0;
    for (JsonNode server : gateway.spec().path("servers")) {
      String protocol = server.path("port").path("protocol").asText("").toUpperCase(Locale.ROOT);
      if ((protocol.equals("HTTP") || protocol.equals("HTTP2"))
          && !server.path("tls").path("httpsRedirect").asBoolean(false)) {
        plain.add(
            "spec.servers["
                + i
                + "] port "
                + server.path("port").path("number").asText()
                + " "
                + protocol);
      }
      i++;
    }
    if (!plain.isEmpty()) {
      sink.report(
          gateway,
          "Istio Gateway serves plain HTTP without tls.httpsRedirect on "
              + String.join(", ", plain));
    }
  }
}
