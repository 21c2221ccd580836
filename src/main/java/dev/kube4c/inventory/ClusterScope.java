package dev.kube4c.inventory;

import java.util.Set;

/**
 * Kinds that have no namespace. Unknown kinds are taken as namespaced, like most custom resources.
 */
public final class ClusterScope {

  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "Node",
          "PersistentVolume",
          "ClusterRole",
          "ClusterRoleBinding",
          "CustomResourceDefinition",
          "StorageClass",
          "PriorityClass",
          "RuntimeClass",
          "MutatingWebhookConfiguration",
          "ValidatingWebhookConfiguration",
          "ValidatingAdmissionPolicy",
          "ValidatingAdmissionPolicyBinding",
          "APIService",
          "PodSecurityPolicy",
          "IngressClass",
          "GatewayClass",
          "CSIDriver",
          "CSINode",
          "VolumeSnapshotClass",
          "CertificateSigningRequest",
          "ClusterIssuer",
          "VolumeAttachment",
          "FlowSchema",
          "PriorityLevelConfiguration",
          // configuration files and kube4c's own models of clouds, command lines and node files: no
          // namespace
          "CloudCluster",
          "ComponentFlags",
          "NodeFile",
          "KubeletConfiguration",
          "ClusterConfiguration",
          "InitConfiguration",
          "JoinConfiguration",
          "EncryptionConfiguration",
          "EncryptionConfig");

  private ClusterScope() {}

  public static boolean isClusterScoped(String kind) {
    return CLUSTER_SCOPED.contains(kind);
  }
}
