package dev.kube4c.inventory;

/**
 * Names an object (and optionally one of its containers) in findings. Fields that do not apply are
 * null.
 */
public record ResourceRef(
    String apiVersion, String kind, String namespace, String name, String container) {

  public static ResourceRef namespace(String name) {
    return new ResourceRef("v1", "Namespace", null, name, null);
  }

  /** KIND/NAME for cluster-scoped objects, KIND/NAMESPACE/NAME otherwise. */
  public String display() {
    return namespace == null || namespace.isEmpty()
        ? kind + "/" + name
        : kind + "/" + namespace + "/" + name;
  }
}
