package dev.kube4c.rules;

/**
 * How much of a cluster a rule must see at once. A live-cluster scan holds one namespace in memory
 * at a time, beside a cluster-wide index ({@link dev.kube4c.inventory.Inventory#clusterWide()}); a
 * file scan has one inventory and runs every rule once, whatever its scope.
 */
public enum Scope {
  /**
   * Each finding depends on one object, the objects of its namespace, and cluster-wide lookups
   * through {@code inventory().clusterWide()} (Namespace labels, RuntimeClasses, routes). Runs once
   * per namespace, and once over the cluster-scoped objects.
   */
  NAMESPACE,

  /**
   * Reads across namespaces (RBAC bindings and the pods they reach, the mesh, routes to Services).
   * Runs once, on the cluster-wide index, whose workloads carry only their metadata, pod template
   * metadata, service account, host network and containers' names, images and ports.
   */
  CLUSTER
}
