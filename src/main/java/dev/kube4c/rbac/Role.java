package dev.kube4c.rbac;

import dev.kube4c.inventory.Resource;
import java.util.List;
import java.util.Map;

/**
 * A Role or ClusterRole with its effective rules (aggregation resolved). {@code resource} is the
 * scanned object, or null for a Kubernetes default role that kube4c bundles.
 */
public record Role(
    String kind,
    String namespace,
    String name,
    Map<String, String> labels,
    List<SourcedRule> rules,
    boolean aggregated,
    Resource resource) {

  public Role {
    labels = Map.copyOf(labels);
    rules = List.copyOf(rules);
  }

  public boolean isClusterRole() {
    return kind.equals("ClusterRole");
  }

  /** One of Kubernetes' own roles: bundled, or a scanned copy labelled as a bootstrap default. */
  public boolean isBuiltIn() {
    return resource == null || "rbac-defaults".equals(labels.get("kubernetes.io/bootstrapping"));
  }

  public String display() {
    return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }

  /** KIND/NAME, marked when the role is a bundled default rather than a scanned object. */
  public String describe() {
    return resource == null ? display() + " (built-in)" : display();
  }
}
