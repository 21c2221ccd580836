package dev.kube4c.rules.code;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the scanned objects say about an Istio mesh: its resources (security.istio.io and
 * networking.istio.io, any version), which namespaces and workloads are in it (sidecar injection by
 * namespace label {@code istio-injection} / {@code istio.io/rev}, pod label or annotation {@code
 * sidecar.istio.io/inject}, pod label {@code istio.io/rev}, ambient {@code
 * istio.io/dataplane-mode}). Built once per rule run in one pass over the inventory. The root
 * namespace is Istio's default, istio-system.
 */
final class IstioMesh {

  static final String ROOT_NAMESPACE = "istio-system";
  static final Set<String> SYSTEM_NAMESPACES =
      Set.of(
          "kube-system",
          "kube-public",
          "kube-node-lease",
          ROOT_NAMESPACE,
          "istio-ingress",
          "istio-gateways");
  static final String INJECT = "sidecar.istio.io/inject";

  private final Inventory inventory;
  private final List<Resource> peerAuthentications = new ArrayList<>();
  private final List<Resource> authorizationPolicies = new ArrayList<>();
  private final List<Resource> destinationRules = new ArrayList<>();
  private final List<Resource> gateways = new ArrayList<>();
  private final Map<String, List<Resource>> authorizationByNamespace = new HashMap<>();
  private final boolean hasIstioObjects;

  IstioMesh(Inventory inventory) {
    this.inventory = inventory;
    for (Resource r : inventory.ofKind("PeerAuthentication")) {
      if (isGroup(r, "security.istio.io")) {
        peerAuthentications.add(r);
      }
    }
    for (Resource r : inventory.ofKind("AuthorizationPolicy")) {
      if (isGroup(r, "security.istio.io")) {
        authorizationPolicies.add(r);
        authorizationByNamespace
            .computeIfAbsent(r.effectiveNamespace(), k -> new ArrayList<>())
            .add(r);
      }
    }
    for (Resource r : inventory.ofKind("DestinationRule")) {
      if (isGroup(r, "networking.istio.io")) {
        destinationRules.add(r);
      }
    }
    for (Resource r : inventory.ofKind("Gateway")) {
      if (isGroup(r, "networking.istio.io")) {
        gateways.add(r);
      }
    }
    boolean virtualServices =
        inventory.ofKind("VirtualService").stream()
            .anyMatch(r -> isGroup(r, "networking.istio.io"));
    this.hasIstioObjects =
        !peerAuthentications.isEmpty()
            || !authorizationPolicies.isEmpty()
            || !destinationRules.isEmpty()
            || !gateways.isEmpty()
            || virtualServices;
  }

  static boolean isGroup(Resource resource, String group) {
    return resource.apiVersion().startsWith(group + "/");
  }

  List<Resource> peerAuthentications() {
    return peerAuthentications;
  }

  List<Resource> destinationRules() {
    return destinationRules;
  }

  List<Resource> authorizationPolicies() {
    return authorizationPolicies;
  }

  List<Resource> gateways() {
    return gateways;
  }

  List<Resource> authorizationPoliciesIn(String namespace) {
    return authorizationByNamespace.getOrDefault(namespace, List.of());
  }

  /** The Namespace object, when the input has it. */
  Optional<Resource> namespace(String name) {
    return inventory.find("Namespace", null, name);
  }

  /**
   * Namespace-level enrolment: injection label, revision label or ambient mode; empty when the
   * Namespace is not in the input.
   */
  Optional<String> enrolment(String namespace) {
    return namespace(namespace)
        .map(
            ns -> {
              Map<String, String> labels = ns.labels();
              if ("enabled".equals(labels.get("istio-injection"))) {
                return "istio-injection=enabled";
              }
              if (labels.containsKey("istio.io/rev")
                  && !"disabled".equals(labels.get("istio-injection"))) {
                return "istio.io/rev=" + labels.get("istio.io/rev");
              }
              if ("ambient".equals(labels.get("istio.io/dataplane-mode"))) {
                return "istio.io/dataplane-mode=ambient";
              }
              return "";
            })
        .filter(s -> !s.isEmpty());
  }

  boolean namespaceDisablesInjection(String namespace) {
    return namespace(namespace)
        .map(ns -> "disabled".equals(ns.labels().get("istio-injection")))
        .orElse(false);
  }

  /**
   * The pod's own injection choice: label (current) wins over annotation (deprecated); null when it
   * makes none.
   */
  static String podInjection(Workload workload) {
    String label = workload.podLabels().get(INJECT);
    return label != null ? label : workload.podAnnotations().get(INJECT);
  }

  /**
   * Whether the workload's pods get a sidecar (or ambient data plane), as the injector webhook
   * decides.
   */
  boolean isMeshed(Workload workload) {
    String own = podInjection(workload);
    if ("false".equals(own) || "none".equals(workload.podLabels().get("istio.io/dataplane-mode"))) {
      return false;
    }
    if (enrolment(workload.namespace()).isPresent()) {
      return true;
    }
    // A pod may opt in by itself: sidecar.istio.io/inject=true, or a revision label istio.io/rev.
    boolean optsIn = "true".equals(own) || workload.podLabels().containsKey("istio.io/rev");
    return optsIn && !namespaceDisablesInjection(workload.namespace());
  }

  /** A namespace is meshed when it is enrolled or one of its workloads is. */
  boolean isMeshedNamespace(String namespace) {
    if (enrolment(namespace).isPresent()) {
      return true;
    }
    for (Workload w : inventory.workloadsByNamespace().getOrDefault(namespace, List.of())) {
      if (isMeshed(w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Namespaces that are meshed: every namespace with workloads, plus enrolled Namespace objects.
   */
  List<String> meshedNamespaces() {
    // A Namespace without a name names nothing.
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    java.util.stream.Stream.concat(
            inventory.workloadsByNamespace().keySet().stream(),
            inventory.ofKind("Namespace").stream().map(Resource::name))
        .filter(java.util.Objects::nonNull)
        .forEach(names::add);
    return names.stream()
        .filter(n -> !SYSTEM_NAMESPACES.contains(n) && isMeshedNamespace(n))
        .toList();
  }

  /**
   * A mesh is present when any Istio object is in the input or any namespace or workload is
   * enrolled.
   */
  boolean present() {
    if (hasIstioObjects) {
      return true;
    }
    for (Resource ns : inventory.ofKind("Namespace")) {
      if (enrolment(ns.name()).isPresent()) {
        return true;
      }
    }
    return inventory.workloads().stream()
        .anyMatch(w -> "true".equals(podInjection(w)) || w.podLabels().containsKey("istio.io/rev"));
  }

  /** spec.mtls.mode of a PeerAuthentication, UNSET when absent. */
  static String mtlsMode(JsonNode spec) {
    return spec.path("mtls").path("mode").asText("UNSET").toUpperCase(java.util.Locale.ROOT);
  }

  static boolean hasSelector(Resource policy) {
    JsonNode selector = policy.spec().path("selector");
    return selector.isObject() && !selector.path("matchLabels").isEmpty();
  }
}
