package dev.kube4c.rbac;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What kube4c knows about built-in API resources without a cluster's discovery API: the API group
 * of a plain resource name (for {@code who-can pods}) and which resources are cluster-scoped (a
 * RoleBinding never grants those).
 */
public final class ApiResources {

  private static final Map<String, String> GROUPS =
      Map.ofEntries(
          Map.entry("pods", ""),
          Map.entry("services", ""),
          Map.entry("secrets", ""),
          Map.entry("configmaps", ""),
          Map.entry("serviceaccounts", ""),
          Map.entry("nodes", ""),
          Map.entry("namespaces", ""),
          Map.entry("persistentvolumes", ""),
          Map.entry("persistentvolumeclaims", ""),
          Map.entry("endpoints", ""),
          Map.entry("events", ""),
          Map.entry("replicationcontrollers", ""),
          Map.entry("limitranges", ""),
          Map.entry("resourcequotas", ""),
          Map.entry("bindings", ""),
          Map.entry("componentstatuses", ""),
          Map.entry("podtemplates", ""),
          Map.entry("users", ""),
          Map.entry("groups", ""),
          Map.entry("deployments", "apps"),
          Map.entry("daemonsets", "apps"),
          Map.entry("statefulsets", "apps"),
          Map.entry("replicasets", "apps"),
          Map.entry("controllerrevisions", "apps"),
          Map.entry("jobs", "batch"),
          Map.entry("cronjobs", "batch"),
          Map.entry("roles", "rbac.authorization.k8s.io"),
          Map.entry("rolebindings", "rbac.authorization.k8s.io"),
          Map.entry("clusterroles", "rbac.authorization.k8s.io"),
          Map.entry("clusterrolebindings", "rbac.authorization.k8s.io"),
          Map.entry("networkpolicies", "networking.k8s.io"),
          Map.entry("ingresses", "networking.k8s.io"),
          Map.entry("ingressclasses", "networking.k8s.io"),
          Map.entry("poddisruptionbudgets", "policy"),
          Map.entry("horizontalpodautoscalers", "autoscaling"),
          Map.entry("certificatesigningrequests", "certificates.k8s.io"),
          Map.entry("signers", "certificates.k8s.io"),
          Map.entry("mutatingwebhookconfigurations", "admissionregistration.k8s.io"),
          Map.entry("validatingwebhookconfigurations", "admissionregistration.k8s.io"),
          Map.entry("validatingadmissionpolicies", "admissionregistration.k8s.io"),
          Map.entry("validatingadmissionpolicybindings", "admissionregistration.k8s.io"),
          Map.entry("mutatingadmissionpolicies", "admissionregistration.k8s.io"),
          Map.entry("mutatingadmissionpolicybindings", "admissionregistration.k8s.io"),
          Map.entry("customresourcedefinitions", "apiextensions.k8s.io"),
          Map.entry("apiservices", "apiregistration.k8s.io"),
          Map.entry("storageclasses", "storage.k8s.io"),
          Map.entry("csidrivers", "storage.k8s.io"),
          Map.entry("csinodes", "storage.k8s.io"),
          Map.entry("volumeattachments", "storage.k8s.io"),
          Map.entry("leases", "coordination.k8s.io"),
          Map.entry("endpointslices", "discovery.k8s.io"),
          Map.entry("tokenreviews", "authentication.k8s.io"),
          Map.entry("subjectaccessreviews", "authorization.k8s.io"),
          Map.entry("runtimeclasses", "node.k8s.io"),
          Map.entry("priorityclasses", "scheduling.k8s.io"));

  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "nodes",
          "namespaces",
          "persistentvolumes",
          "componentstatuses",
          "users",
          "groups",
          "userextras",
          "uids",
          "clusterroles",
          "clusterrolebindings",
          "certificatesigningrequests",
          "signers",
          "mutatingwebhookconfigurations",
          "validatingwebhookconfigurations",
          "validatingadmissionpolicies",
          "validatingadmissionpolicybindings",
          "mutatingadmissionpolicies",
          "mutatingadmissionpolicybindings",
          "customresourcedefinitions",
          "apiservices",
          "storageclasses",
          "csidrivers",
          "csinodes",
          "volumeattachments",
          "ingressclasses",
          "tokenreviews",
          "subjectaccessreviews",
          "selfsubjectaccessreviews",
          "selfsubjectrulesreviews",
          "selfsubjectreviews",
          "runtimeclasses",
          "priorityclasses",
          "flowschemas",
          "prioritylevelconfigurations",
          "podsecuritypolicies");

  private ApiResources() {}

  /** The API group of a well-known resource ("" for the core group), empty when unknown. */
  public static Optional<String> groupOf(String resource) {
    return Optional.ofNullable(GROUPS.get(resource));
  }

  public static boolean isClusterScoped(String resource) {
    return CLUSTER_SCOPED.contains(resource);
  }
}
