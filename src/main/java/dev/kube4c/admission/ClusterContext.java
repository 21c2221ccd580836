package dev.kube4c.admission;

import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Resource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The other objects that rules read when they judge one admitted object (Namespaces and their
 * labels, ServiceAccounts, NetworkPolicies, ...), as the webhook's cache holds them. {@link
 * #missingKinds()} names the kinds not loaded (yet): rules that need them are not run and the
 * answer says so, rather than passing or failing on an empty view.
 */
public interface ClusterContext {

  /** The cluster-scoped objects (Namespaces, RuntimeClasses, ...), as a cluster-wide index. */
  Inventory clusterWide();

  /** The cached namespaced objects of one namespace. */
  List<Resource> inNamespace(String namespace);

  default Optional<Resource> namespace(String name) {
    return clusterWide().find("Namespace", null, name);
  }

  /** Kinds that rules may read but that are not loaded; empty once everything has synced. */
  Set<String> missingKinds();

  /** Whether {@code /readyz} says ready: once every watched kind has synced. */
  default boolean ready() {
    return missingKinds().isEmpty();
  }

  /** How many objects the cache holds, for /metrics. */
  int size();

  /** No cluster at all ({@code serve --no-cluster}): every context kind is missing. */
  ClusterContext NONE =
      new ClusterContext() {
        private final Inventory empty = Inventory.ofResources(List.of(), List.of());

        @Override
        public Inventory clusterWide() {
          return empty;
        }

        @Override
        public List<Resource> inNamespace(String namespace) {
          return List.of();
        }

        @Override
        public Set<String> missingKinds() {
          return ContextKinds.KINDS;
        }

        @Override
        public boolean ready() {
          return true; // nothing to wait for; every answer says what was not judged
        }

        @Override
        public int size() {
          return 0;
        }
      };
}
