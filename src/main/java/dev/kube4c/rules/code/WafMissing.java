package dev.kube4c.rules.code;

import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Internet-facing Ingresses without a web application firewall: recognised are the Application
 * Gateway Ingress Controller's WAF policy annotation, ingress-nginx ModSecurity with the OWASP Core
 * Rule Set, the AWS Load Balancer Controller's WAF ACL annotations, and (hook) a WAF that the cloud
 * input reports for the cluster's ingress.
 */
public final class WafMissing implements Rule {

  static final String AGIC_WAF = "appgw.ingress.kubernetes.io/waf-policy-for-path";
  static final String NGINX_MODSECURITY = "nginx.ingress.kubernetes.io/enable-modsecurity";
  static final String NGINX_CRS = "nginx.ingress.kubernetes.io/enable-owasp-core-rules";
  static final String NGINX_SNIPPET = "nginx.ingress.kubernetes.io/modsecurity-snippet";
  static final String ALB_WAFV2 = "alb.ingress.kubernetes.io/wafv2-acl-arn";
  static final String ALB_WAF_CLASSIC = "alb.ingress.kubernetes.io/waf-acl-id";

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("waf-missing")
          .title("Internet-facing Ingress without a WAF")
          .area(Area.WAF)
          .severity(Severity.MEDIUM)
          .rationale(
              "A web application firewall in front of the cluster blocks the bulk of injection, cross-site scripting, CSRF and scanner traffic before it reaches application code, and buys time when a framework vulnerability is published. An Internet-facing Ingress without one exposes every application bug directly.")
          .remediation(
              "Attach a WAF policy: AGIC appgw.ingress.kubernetes.io/waf-policy-for-path, ingress-nginx enable-modsecurity and enable-owasp-core-rules (with SecRuleEngine On), or alb.ingress.kubernetes.io/wafv2-acl-arn; or put a cloud WAF (Application Gateway WAF_v2, AWS WAF, Cloud Armor) in front.")
          .references(
              "https://azure.github.io/application-gateway-kubernetes-ingress/annotations/#azure-waf-policy-for-path",
              "https://kubernetes.github.io/ingress-nginx/user-guide/third-party-addons/modsecurity/",
              "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#addons")
          .frameworks(
              Frameworks.NONE
                  .withMitre("T1190")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .notAtAdmission()
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  public void check(RuleContext context, FindingSink sink) {
    if (cloudWaf(context).isPresent()) {
      return;
    }
    for (Resource ingress : context.inventory().ofKind("Ingress")) {
      Map<String, String> a = ingress.annotations();
      if (!internetFacing(ingress, a)) {
        continue;
      }
      Optional<String> problem = wafProblem(a);
      problem.ifPresent(p -> sink.report(ingress, p));
    }
  }

  /** Why the Ingress has no effective WAF, or empty when it has one. */
  static Optional<String> wafProblem(Map<String, String> a) {
    if (!a.getOrDefault(AGIC_WAF, "").isBlank()
        || !a.getOrDefault(ALB_WAFV2, "").isBlank()
        || !a.getOrDefault(ALB_WAF_CLASSIC, "").isBlank()) {
      return Optional.empty();
    }
    boolean modsecurity = "true".equalsIgnoreCase(a.get(NGINX_MODSECURITY));
    boolean crs =
        "true".equalsIgnoreCase(a.get(NGINX_CRS))
            || a.getOrDefault(NGINX_SNIPPET, "").contains("owasp-modsecurity-crs")
            || a.getOrDefault(NGINX_SNIPPET, "").contains("coreruleset");
    String snippet = a.getOrDefault(NGINX_SNIPPET, "").replaceAll("\\s+", " ");
    if (modsecurity && crs) {
      if (snippet.contains("SecRuleEngine DetectionOnly")
          || snippet.contains("SecRuleEngine Off")) {
        return Optional.of(
            "metadata.annotations."
                + NGINX_SNIPPET
                + " sets "
                + (snippet.contains("SecRuleEngine Off")
                    ? "SecRuleEngine Off"
                    : "SecRuleEngine DetectionOnly")
                + ": ModSecurity with the OWASP CRS only logs, it does not block");
      }
      return Optional.empty();
    }
    if (modsecurity) {
      return Optional.of(
          "metadata.annotations."
              + NGINX_MODSECURITY
              + " is true but "
              + NGINX_CRS
              + " is not: ModSecurity runs without the OWASP Core Rule Set");
    }
    return Optional.of(
        "no WAF annotation ("
            + AGIC_WAF
            + ", "
            + NGINX_MODSECURITY
            + " + "
            + NGINX_CRS
            + ", "
            + ALB_WAFV2
            + ") on an Internet-facing Ingress");
  }

  /**
   * Private-only Ingresses are skipped: ALB scheme internal, AGIC private IP, GCE internal class.
   */
  static boolean internetFacing(Resource ingress, Map<String, String> a) {
    String className =
        ingress
            .spec()
            .path("ingressClassName")
            .asText(a.getOrDefault("kubernetes.io/ingress.class", ""))
            .toLowerCase(Locale.ROOT);
    return !"internal".equalsIgnoreCase(a.get("alb.ingress.kubernetes.io/scheme"))
        && !"true".equalsIgnoreCase(a.get("appgw.ingress.kubernetes.io/use-private-ip"))
        && !className.equals("gce-internal");
  }

  /**
   * Hook for the cloud layer: a WAF in front of the cluster's ingress that the cloud input knows
   * (Application Gateway WAF_v2 policy of the AGIC add-on, AWS WAF web ACL on the ALB, Cloud
   * Armor). The cloud loader represents a managed cluster as a Resource of kind {@code
   * CloudCluster}; when it sets {@code spec.ingressWaf.enabled: true} (with {@code
   * spec.ingressWaf.source} naming the evidence) every Ingress counts as protected. Nothing sets
   * the field yet.
   */
  static Optional<String> cloudWaf(RuleContext context) {
    for (Resource cluster : context.inventory().clusterWide().ofKind("CloudCluster")) {
      if (cluster.spec().path("ingressWaf").path("enabled").asBoolean(false)) {
        return Optional.of(
            cluster.spec().path("ingressWaf").path("source").asText(cluster.display()));
      }
    }
    return Optional.empty();
  }
}
