package dev.kube4c.netpol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Container;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Labels;
import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * NetworkPolicy semantics over the workloads of an inventory: which policies select a pod, whether
 * the pod is isolated for ingress or egress, and which peers and ports a policy rule admits.
 * Policies are indexed by namespace; namespace labels come from Namespace objects plus the
 * automatic {@code kubernetes.io/metadata.name}.
 */
public final class NetworkPolicyModel {

  /** Ingress or egress. */
  public enum Direction {
    INGRESS("ingress", "from"),
    EGRESS("egress", "to");

    final String field;
    final String peers;

    Direction(String field, String peers) {
      this.field = field;
      this.peers = peers;
    }
  }

  /** One NetworkPolicy with its effective policyTypes. */
  public record Policy(Resource resource, JsonNode podSelector, boolean ingress, boolean egress) {
    public JsonNode rules(Direction direction) {
      return resource.spec().path(direction.field);
    }

    public boolean covers(Direction direction) {
      return direction == Direction.INGRESS ? ingress : egress;
    }

    /**
     * Whether the policy isolates every pod of its namespace for the direction: an empty
     * podSelector and no rule that admits every peer on every port. The plain default deny (no
     * rules) is one; "deny everything but DNS and 443" is another.
     */
    public boolean isDefaultDeny(Direction direction) {
      if (!covers(direction) || !podSelector.isObject() || !podSelector.isEmpty()) {
        return false;
      }
      for (JsonNode rule : rules(direction)) {
        boolean anyPeer =
            !rule.path(direction.peers).isArray() || rule.path(direction.peers).isEmpty();
        boolean anyPort = !rule.path("ports").isArray() || rule.path("ports").isEmpty();
        if (anyPeer && anyPort) {
          return false;
        }
      }
      return true;
    }
  }

  private final Inventory inventory;
  private final Map<String, List<Policy>> policiesByNamespace = new HashMap<>();
  private final Map<String, Map<String, String>> namespaceLabels;

  /** The model of the inventory, built once per scan and shared by the netpol rules. */
  public static NetworkPolicyModel of(Inventory inventory) {
    return inventory.derived(NetworkPolicyModel.class, NetworkPolicyModel::new);
  }

  public NetworkPolicyModel(Inventory inventory) {
    this.inventory = inventory;
    for (Resource resource : inventory.ofKind("NetworkPolicy")) {
      policiesByNamespace
          .computeIfAbsent(resource.effectiveNamespace(), k -> new ArrayList<>())
          .add(policyOf(resource));
    }
    // Peers in other namespaces are matched by their Namespace labels: a cluster-wide lookup,
    // made once for the cluster, not once per namespace of a partitioned scan.
    this.namespaceLabels =
        inventory.clusterWide().derived(NamespaceLabels.class, NamespaceLabels::of).byName();
  }

  /** Each Namespace's labels with the name label the API server adds, by namespace name. */
  private record NamespaceLabels(Map<String, Map<String, String>> byName) {
    static NamespaceLabels of(Inventory clusterWide) {
      Map<String, Map<String, String>> byName = new HashMap<>();
      for (Resource namespace : clusterWide.ofKind("Namespace")) {
        Map<String, String> labels = new LinkedHashMap<>(namespace.labels());
        labels.put("kubernetes.io/metadata.name", namespace.name());
        byName.put(namespace.name(), labels);
      }
      return new NamespaceLabels(byName);
    }
  }

  /**
   * The policy with its effective policyTypes (API defaulting: Ingress always, Egress when egress
   * rules exist).
   */
  public static Policy policyOf(Resource resource) {
    JsonNode spec = resource.spec();
    JsonNode types = spec.path("policyTypes");
    if (types.isArray() && !types.isEmpty()) {
      Set<String> names = new TreeSet<>();
      types.forEach(t -> names.add(t.asText()));
      return new Policy(
          resource, spec.path("podSelector"), names.contains("Ingress"), names.contains("Egress"));
    }
    return new Policy(resource, spec.path("podSelector"), true, spec.has("egress"));
  }

  public Inventory inventory() {
    return inventory;
  }

  public List<Policy> policies(String namespace) {
    return policiesByNamespace.getOrDefault(namespace, List.of());
  }

  public Map<String, List<Policy>> policiesByNamespace() {
    return policiesByNamespace;
  }

  public Map<String, String> namespaceLabels(String namespace) {
    return namespaceLabels.getOrDefault(
        namespace, Map.of("kubernetes.io/metadata.name", namespace));
  }

  public boolean selects(Policy policy, Workload workload) {
    return policy.resource().effectiveNamespace().equals(workload.namespace())
        && policy.podSelector().isObject()
        && Labels.labelSelectorMatches(policy.podSelector(), workload.podLabels());
  }

  /**
   * The policies that select the workload for the direction; empty means the workload is not
   * isolated.
   */
  public List<Policy> selecting(Workload workload, Direction direction) {
    List<Policy> selecting = new ArrayList<>();
    for (Policy policy : policies(workload.namespace())) {
      if (policy.covers(direction) && selects(policy, workload)) {
        selecting.add(policy);
      }
    }
    return selecting;
  }

  /**
   * Whether a peer entry (from/to item) admits the workload (as the other end), seen from the
   * policy's namespace.
   */
  public boolean peerAdmits(JsonNode peer, String policyNamespace, Workload other) {
    if (peer.has("ipBlock")) {
      return false; // ipBlock addresses lie outside the cluster's pods by convention
    }
    JsonNode podSelector = peer.get("podSelector");
    JsonNode namespaceSelector = peer.get("namespaceSelector");
    if (podSelector == null && namespaceSelector == null) {
      return false;
    }
    boolean namespaceOk =
        namespaceSelector == null
            ? policyNamespace.equals(other.namespace())
            : Labels.labelSelectorMatches(namespaceSelector, namespaceLabels(other.namespace()));
    return namespaceOk
        && (podSelector == null || Labels.labelSelectorMatches(podSelector, other.podLabels()));
  }

  /** Whether a rule admits addresses outside the cluster, and through which CIDRs. */
  public static List<String> externalCidrs(JsonNode rule, Direction direction) {
    JsonNode peers = rule.path(direction.peers);
    List<String> cidrs = new ArrayList<>();
    if (!peers.isArray() || peers.isEmpty()) {
      cidrs.add("0.0.0.0/0");
      return cidrs;
    }
    for (JsonNode peer : peers) {
      JsonNode block = peer.path("ipBlock");
      if (block.has("cidr")) {
        String except =
            block.path("except").isEmpty()
                ? ""
                : " except " + String.join(",", texts(block.path("except")));
        cidrs.add(block.path("cidr").asText() + except);
      }
    }
    return cidrs;
  }

  /**
   * Whether a rule admits a cluster workload as its peer. An absent or empty peer list admits
   * everyone.
   */
  public boolean ruleAdmits(
      JsonNode rule, Direction direction, String policyNamespace, Workload other) {
    JsonNode peers = rule.path(direction.peers);
    if (!peers.isArray() || peers.isEmpty()) {
      return true;
    }
    for (JsonNode peer : peers) {
      if (peerAdmits(peer, policyNamespace, other)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The ports a rule opens on the destination workload, as {@code TCP/8080} or {@code
   * TCP/8000-8080}; {@code null} means all ports. Named ports are resolved against the
   * destination's containers.
   */
  public static Set<String> ports(JsonNode rule, Workload destination) {
    JsonNode ports = rule.path("ports");
    if (!ports.isArray() || ports.isEmpty()) {
      return null;
    }
    Set<String> open = new TreeSet<>();
    for (JsonNode port : ports) {
      String protocol = port.path("protocol").asText("TCP");
      JsonNode value = port.get("port");
      if (value == null || value.isNull()) {
        return null; // a protocol without a port opens all ports of it; treated as all
      }
      if (value.isTextual() && !value.asText().matches("\\d+")) {
        Integer resolved =
            destination == null ? null : namedPort(destination, value.asText(), protocol);
        if (resolved != null) {
          open.add(protocol + "/" + resolved);
        }
        continue;
      }
      int number = value.asInt();
      JsonNode end = port.get("endPort");
      open.add(
          protocol + "/" + number + (end != null && end.asInt() > number ? "-" + end.asInt() : ""));
    }
    return open;
  }

  private static Integer namedPort(Workload workload, String name, String protocol) {
    for (Container container : workload.containers()) {
      for (JsonNode port : container.node().path("ports")) {
        if (name.equals(port.path("name").asText())
            && protocol.equals(port.path("protocol").asText("TCP"))) {
          return port.path("containerPort").asInt();
        }
      }
    }
    return null;
  }

  /** Intersects two port sets where null means "all ports". */
  public static Set<String> intersect(Set<String> a, Set<String> b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    Set<String> both = new TreeSet<>(a);
    both.retainAll(b);
    return both;
  }

  /** Unions two port sets where null means "all ports". */
  public static Set<String> union(Set<String> a, Set<String> b) {
    if (a == null || b == null) {
      return null;
    }
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
