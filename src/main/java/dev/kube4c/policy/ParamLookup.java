package dev.kube4c.policy;

import dev.kube4c.inventory.ClusterScope;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Labels;
import dev.kube4c.inventory.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the parameter objects of a binding's paramRef among the scanned objects (the object's own
 * part of the inventory, then the cluster-wide one) and the objects given beside the policies.
 */
final class ParamLookup {

  private ParamLookup() {}

  static List<Resource> find(
      Policy.ParamKind kind,
      Binding.ParamRef ref,
      Request request,
      Inventory inventory,
      List<Resource> extra) {
    String namespace = namespace(kind, ref, request);
    Map<String, Resource> found = new LinkedHashMap<>();
    List<Resource> candidates = new ArrayList<>();
    // Every object of a scan looks its params up: by key or per-namespace index, not by a walk
    // over every object of the kind (a walk made 20 policies cost more than the scan itself).
    for (Inventory part :
        inventory.clusterWide() == inventory
            ? List.of(inventory)
            : List.of(inventory, inventory.clusterWide())) {
      if (ref.name() != null) {
        part.find(kind.kind(), namespace, ref.name()).ifPresent(candidates::add);
      } else {
        candidates.addAll(
            part.derived(ByNamespace.class, ByNamespace::of).get(kind.kind(), namespace));
      }
    }
    extra.stream().filter(r -> r.kind().equals(kind.kind())).forEach(candidates::add);
    for (Resource candidate : candidates) {
      if (!sameGroup(candidate.apiVersion(), kind.apiVersion())
          || !Objects.equals(candidate.effectiveNamespace(), namespace)) {
        continue;
      }
      boolean wanted =
          ref.name() != null
              ? candidate.name().equals(ref.name())
              : Labels.labelSelectorMatches(ref.selector(), candidate.labels());
      if (wanted) {
        found.putIfAbsent(candidate.qualifiedName(), candidate);
      }
    }
    return List.copyOf(found.values());
  }

  /** An inventory's objects by kind and namespace (null for cluster-scoped), built once. */
  private record ByNamespace(Map<String, Map<String, List<Resource>>> index) {

    static ByNamespace of(Inventory inventory) {
      Map<String, Map<String, List<Resource>>> index = new HashMap<>();
      for (Resource resource : inventory.resources()) {
        index
            .computeIfAbsent(resource.kind(), k -> new HashMap<>())
            .computeIfAbsent(resource.effectiveNamespace(), n -> new ArrayList<>())
            .add(resource);
      }
      return new ByNamespace(index);
    }

    List<Resource> get(String kind, String namespace) {
      return index.getOrDefault(kind, Map.of()).getOrDefault(namespace, List.of());
    }
  }

  /** Where params are: the paramRef's namespace, else the request's for a namespaced kind. */
  private static String namespace(Policy.ParamKind kind, Binding.ParamRef ref, Request request) {
    if (ClusterScope.isClusterScoped(kind.kind())) {
      return null;
    }
    return ref.namespace() != null && !ref.namespace().isEmpty()
        ? ref.namespace()
        : request.namespace();
  }

  private static boolean sameGroup(String a, String b) {
    return group(a).equals(group(b));
  }

  private static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  static String describe(Policy.ParamKind kind, Binding.ParamRef ref, Request request) {
    String namespace = namespace(kind, ref, request);
    String what =
        ref.name() != null
            ? kind.kind() + " " + ref.name()
            : kind.kind() + " selected by paramRef.selector";
    return namespace == null ? what : what + " in namespace " + namespace;
  }
}
