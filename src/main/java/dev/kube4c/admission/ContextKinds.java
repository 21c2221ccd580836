package dev.kube4c.admission;

import dev.kube4c.cluster.ApiKind;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which other objects the webhook caches for its rules, and which rules read them. Workloads and
 * Secrets are not cached (too many, or too sensitive): the rules that need them to judge an object
 * do not run at admission ({@link #NOT_AT_ADMISSION}; {@code docs/admission.md} lists them), and
 * neither do the rules whose context has not synced yet ({@link #rulesNotRun}).
 */
final class ContextKinds {

  /** Watched with informers, cluster-scoped first. */
  static final List<ApiKind> WATCHED =
      List.of(
          new ApiKind("", "v1", "namespaces", "Namespace", false, false),
          new ApiKind("node.k8s.io", "v1", "runtimeclasses", "RuntimeClass", false, false),
          new ApiKind("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false, false),
          new ApiKind("", "v1", "serviceaccounts", "ServiceAccount", true, false),
          new ApiKind("", "v1", "services", "Service", true, false),
          new ApiKind("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, false),
          new ApiKind("", "v1", "limitranges", "LimitRange", true, false),
          new ApiKind("", "v1", "resourcequotas", "ResourceQuota", true, false));

  static final Set<String> KINDS =
      WATCHED.stream().map(ApiKind::kind).collect(Collectors.toUnmodifiableSet());

  /** Rule (or rule-id prefix ending in '-') to the cached kinds it reads beside the object. */
  static final Map<String, Set<String>> NEEDS =
      Map.of(
          "sa-token-automount", Set.of("ServiceAccount"),
          "runtime-class-sandbox-missing", Set.of("RuntimeClass"),
          "runtime-class-unknown", Set.of("RuntimeClass"),
          "netpol-pod-unprotected", Set.of("NetworkPolicy"),
          "port-debug-exposed", Set.of("Service"),
          "service-public-load-balancer", Set.of("Service"));

  /**
   * Rules that judge an object by objects the webhook does not cache (pods and other workloads,
   * Secrets, mesh resources), or by what a new Namespace cannot contain yet at its creation.
   */
  static final Set<String> NOT_AT_ADMISSION =
      Set.of(
          "port-unused",
          "service-plaintext-exposed",
          "waf-missing",
          "ingress-http-not-redirected",
          "ingress-tls-secret-missing",
          "netpol-selects-nothing",
          "netpol-default-deny-missing",
          "namespace-limitrange-missing",
          "namespace-resourcequota-missing",
          "pss-namespace-would-reject",
          "mesh-sidecar-injection-missing",
          "mesh-tls-disabled",
          "mesh-mtls-not-strict",
          "mesh-authorization-missing",
          "rbac-default-service-account-bound");

  private ContextKinds() {}

  static Set<String> neededKinds() {
    Set<String> kinds = new HashSet<>();
    NEEDS.values().forEach(kinds::addAll);
    return kinds;
  }

  /** The rules not to run while {@code missing} kinds are not loaded, plus those never run. */
  static Set<String> rulesNotRun(Set<String> missing, Set<String> catalogue) {
    Set<String> out = new HashSet<>(NOT_AT_ADMISSION);
    for (String id : catalogue) {
      NEEDS.forEach(
          (rule, kinds) -> {
            boolean matches = rule.endsWith("-") ? id.startsWith(rule) : id.equals(rule);
            if (matches && kinds.stream().anyMatch(missing::contains)) {
              out.add(id);
            }
          });
    }
    return out;
  }
}
