package dev.kube4c.cloud;

/** The managed Kubernetes services kube4c reads cluster descriptions of. */
public enum Provider {
  AKS("aks", "Azure Kubernetes Service"),
  EKS("eks", "Amazon Elastic Kubernetes Service"),
  GKE("gke", "Google Kubernetes Engine");

  private final String id;
  private final String title;

  Provider(String id, String title) {
    this.id = id;
    this.title = title;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public static Provider parse(String id) {
    for (Provider p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown provider " + id);
  }
}
