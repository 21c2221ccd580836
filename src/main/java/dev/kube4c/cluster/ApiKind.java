package dev.kube4c.cluster;

import java.util.List;

/**
 * One kind that kube4c lists from the API server. {@code optional} kinds come from custom resource
 * definitions (Istio, Gateway API, Argo Rollouts): they are listed only when discovery shows their
 * group and version, and their absence is no coverage gap.
 */
public record ApiKind(
    String group,
    String version,
    String plural,
    String kind,
    boolean namespaced,
    boolean optional) {

  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /**
   * The discovery document of the group version: {@code /api/v1} or {@code /apis/GROUP/VERSION}.
   */
  public String discoveryPath() {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }

  /**
   * The collection path, in one namespace when {@code namespace} is given and the kind is
   * namespaced.
   */
  public String listPath(String namespace) {
    String prefix = discoveryPath();
    return namespace != null && namespaced
        ? prefix + "/namespaces/" + namespace + "/" + plural
        : prefix + "/" + plural;
  }

  /** {@code plural.group} as RBAC and kubectl name it, e.g. {@code deployments.apps}. */
  public String resourceName() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  private static ApiKind core(String plural, String kind, boolean namespaced) {
    return new ApiKind("", "v1", plural, kind, namespaced, false);
  }

  private static ApiKind builtIn(String group, String plural, String kind, boolean namespaced) {
    return new ApiKind(group, "v1", plural, kind, namespaced, false);
  }

  private static ApiKind custom(String group, String version, String plural, String kind) {
    return new ApiKind(group, version, plural, kind, true, true);
  }

  /**
   * The kinds that kube4c's rules read, cluster-scoped first (they form the cluster-wide index).
   * Secrets are left out on purpose: listing them returns their data, and a read-only scanner
   * should not need that right (the deploy/ ClusterRole does not grant it).
   */
  public static final List<ApiKind> NEEDED =
      List.of(
          core("namespaces", "Namespace", false),
          builtIn("rbac.authorization.k8s.io", "clusterroles", "ClusterRole", false),
          builtIn("rbac.authorization.k8s.io", "clusterrolebindings", "ClusterRoleBinding", false),
          builtIn("node.k8s.io", "runtimeclasses", "RuntimeClass", false),
          builtIn("networking.k8s.io", "ingressclasses", "IngressClass", false),
          // Admission policies (issue 16): v1 since Kubernetes 1.30, so optional on older clusters.
          new ApiKind(
              "admissionregistration.k8s.io",
              "v1",
              "validatingadmissionpolicies",
              "ValidatingAdmissionPolicy",
              false,
              true),
          new ApiKind(
              "admissionregistration.k8s.io",
              "v1",
              "validatingadmissionpolicybindings",
              "ValidatingAdmissionPolicyBinding",
              false,
              true),
          core("pods", "Pod", true),
          core("services", "Service", true),
          core("serviceaccounts", "ServiceAccount", true),
          core("configmaps", "ConfigMap", true),
          core("replicationcontrollers", "ReplicationController", true),
          core("limitranges", "LimitRange", true),
          core("resourcequotas", "ResourceQuota", true),
          builtIn("apps", "deployments", "Deployment", true),
          builtIn("apps", "statefulsets", "StatefulSet", true),
          builtIn("apps", "daemonsets", "DaemonSet", true),
          builtIn("apps", "replicasets", "ReplicaSet", true),
          builtIn("batch", "jobs", "Job", true),
          builtIn("batch", "cronjobs", "CronJob", true),
          builtIn("networking.k8s.io", "networkpolicies", "NetworkPolicy", true),
          builtIn("networking.k8s.io", "ingresses", "Ingress", true),
          builtIn("rbac.authorization.k8s.io", "roles", "Role", true),
          builtIn("rbac.authorization.k8s.io", "rolebindings", "RoleBinding", true),
          builtIn("policy", "poddisruptionbudgets", "PodDisruptionBudget", true),
          custom("security.istio.io", "v1", "peerauthentications", "PeerAuthentication"),
          custom("security.istio.io", "v1", "authorizationpolicies", "AuthorizationPolicy"),
          custom("networking.istio.io", "v1", "destinationrules", "DestinationRule"),
          custom("gateway.networking.k8s.io", "v1", "gateways", "Gateway"),
          custom("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute"),
          custom("argoproj.io", "v1alpha1", "rollouts", "Rollout"));
}
