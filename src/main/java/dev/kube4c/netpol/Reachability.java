package dev.kube4c.netpol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.SecurityContexts;
import dev.kube4c.inventory.Workload;
import dev.kube4c.netpol.NetworkPolicyModel.Direction;
import dev.kube4c.netpol.NetworkPolicyModel.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which workload may open connections to which, on which ports, under the NetworkPolicies of the
 * inventory. A connection needs both the source's egress and the destination's ingress to allow it.
 * Pairs are evaluated one by one: O(W² · P) for W workloads and P policies per namespace.
 */
public final class Reachability {

  /** An allowed connection; {@code ports} null means all ports, {@code via} names ipBlock CIDRs. */
  public record Connection(String from, String to, Set<String> ports, List<String> via) {}

  public static final String INTERNET = "internet";

  private final NetworkPolicyModel model;

  public Reachability(NetworkPolicyModel model) {
    this.model = model;
  }

  public List<Connection> connections() {
    List<Workload> workloads =
        model.inventory().workloads().stream().filter(w -> !hostNetwork(w)).toList();
    List<Connection> connections = new ArrayList<>();
    for (Workload to : workloads) {
      Side fromInternet = external(to, Direction.INGRESS);
      if (fromInternet.allowed()) {
        connections.add(
            new Connection(
                INTERNET, to.resource().qualifiedName(), fromInternet.ports, fromInternet.via));
      }
    }
    for (Workload from : workloads) {
      for (Workload to : workloads) {
        if (from != to) {
          Set<String> ports = allowed(from, to);
          if (ports == null || !ports.isEmpty()) {
            connections.add(
                new Connection(
                    from.resource().qualifiedName(),
                    to.resource().qualifiedName(),
                    ports,
                    List.of()));
          }
        }
      }
      Side toInternet = external(from, Direction.EGRESS);
      if (toInternet.allowed()) {
        connections.add(
            new Connection(
                from.resource().qualifiedName(), INTERNET, toInternet.ports, toInternet.via));
      }
    }
    return connections;
  }

  /** Ports on which {@code from} may connect to {@code to}: null for all, empty for none. */
  public Set<String> allowed(Workload from, Workload to) {
    return NetworkPolicyModel.intersect(
        side(to, Direction.INGRESS, from, to), side(from, Direction.EGRESS, to, to));
  }

  private Set<String> side(
      Workload selected, Direction direction, Workload peer, Workload destination) {
    List<Policy> policies = model.selecting(selected, direction);
    if (policies.isEmpty()) {
      return null;
    }
    Set<String> open = new TreeSet<>();
    for (Policy policy : policies) {
      for (JsonNode rule : policy.rules(direction)) {
        if (model.ruleAdmits(rule, direction, policy.resource().effectiveNamespace(), peer)) {
          open = NetworkPolicyModel.union(open, NetworkPolicyModel.ports(rule, destination));
          if (open == null) {
            return null;
          }
        }
      }
    }
    return open;
  }

  private record Side(Set<String> ports, List<String> via, boolean allowed) {}

  private Side external(Workload workload, Direction direction) {
    List<Policy> policies = model.selecting(workload, direction);
    if (policies.isEmpty()) {
      return new Side(null, List.of(), true);
    }
    Set<String> open = new TreeSet<>();
    List<String> via = new ArrayList<>();
    boolean any = false;
    for (Policy policy : policies) {
      for (JsonNode rule : policy.rules(direction)) {
        List<String> cidrs = NetworkPolicyModel.externalCidrs(rule, direction);
        if (!cidrs.isEmpty()) {
          any = true;
          via.addAll(cidrs);
          open =
              open == null
                  ? null
                  : NetworkPolicyModel.union(
                      open,
                      NetworkPolicyModel.ports(
                          rule, direction == Direction.INGRESS ? workload : null));
        }
      }
    }
    return new Side(open, List.copyOf(new TreeSet<>(via)), any);
  }

  private static boolean hostNetwork(Workload workload) {
    return SecurityContexts.isTrue(workload.podSpec().path("hostNetwork"));
  }
}
