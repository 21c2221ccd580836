package dev.kube4c.components;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flags kubeadm writes into the static Pod manifests it generates, before a
 * ClusterConfiguration's extraArgs are applied. A ClusterConfiguration alone therefore describes
 * the full command line, and a setting that kubeadm already hardens is not reported as missing.
 */
final class KubeadmDefaults {

  private KubeadmDefaults() {}

  /** The kubelet settings kubeadm puts into the KubeletConfiguration it generates. */
  static com.fasterxml.jackson.databind.JsonNode kubeletConfiguration() {
    var nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    var config = nodes.objectNode();
    var authentication = config.putObject("authentication");
    authentication.putObject("anonymous").put("enabled", false);
    authentication.putObject("webhook").put("enabled", true);
    authentication.putObject("x509").put("clientCAFile", "/etc/kubernetes/pki/ca.crt");
    config.putObject("authorization").put("mode", "Webhook");
    config.put("rotateCertificates", true);
    return config;
  }

  static Map<String, String> of(Component component) {
    Map<String, String> flags = new LinkedHashMap<>();
    switch (component) {
      case APISERVER -> {
        flags.put("allow-privileged", "true");
        flags.put("authorization-mode", "Node,RBAC");
        flags.put("client-ca-file", "/etc/kubernetes/pki/ca.crt");
        flags.put("enable-admission-plugins", "NodeRestriction");
        flags.put("enable-bootstrap-token-auth", "true");
        flags.put("etcd-cafile", "/etc/kubernetes/pki/etcd/ca.crt");
        flags.put("etcd-certfile", "/etc/kubernetes/pki/apiserver-etcd-client.crt");
        flags.put("etcd-keyfile", "/etc/kubernetes/pki/apiserver-etcd-client.key");
        flags.put("etcd-servers", "https://127.0.0.1:2379");
        flags.put("kubelet-client-certificate", "/etc/kubernetes/pki/apiserver-kubelet-client.crt");
        flags.put("kubelet-client-key", "/etc/kubernetes/pki/apiserver-kubelet-client.key");
        flags.put("secure-port", "6443");
        flags.put("service-account-issuer", "https://kubernetes.default.svc.cluster.local");
        flags.put("service-account-key-file", "/etc/kubernetes/pki/sa.pub");
        flags.put("service-account-signing-key-file", "/etc/kubernetes/pki/sa.key");
        flags.put("tls-cert-file", "/etc/kubernetes/pki/apiserver.crt");
        flags.put("tls-private-key-file", "/etc/kubernetes/pki/apiserver.key");
      }
      case CONTROLLER_MANAGER -> {
        flags.put("authentication-kubeconfig", "/etc/kubernetes/controller-manager.conf");
        flags.put("authorization-kubeconfig", "/etc/kubernetes/controller-manager.conf");
        flags.put("bind-address", "127.0.0.1");
        flags.put("client-ca-file", "/etc/kubernetes/pki/ca.crt");
        flags.put("cluster-signing-cert-file", "/etc/kubernetes/pki/ca.crt");
        flags.put("cluster-signing-key-file", "/etc/kubernetes/pki/ca.key");
        flags.put("kubeconfig", "/etc/kubernetes/controller-manager.conf");
        flags.put("leader-elect", "true");
        flags.put("root-ca-file", "/etc/kubernetes/pki/ca.crt");
        flags.put("service-account-private-key-file", "/etc/kubernetes/pki/sa.key");
        flags.put("use-service-account-credentials", "true");
      }
      case SCHEDULER -> {
        flags.put("authentication-kubeconfig", "/etc/kubernetes/scheduler.conf");
        flags.put("authorization-kubeconfig", "/etc/kubernetes/scheduler.conf");
        flags.put("bind-address", "127.0.0.1");
        flags.put("kubeconfig", "/etc/kubernetes/scheduler.conf");
        flags.put("leader-elect", "true");
      }
      case ETCD -> {
        flags.put("cert-file", "/etc/kubernetes/pki/etcd/server.crt");
        flags.put("client-cert-auth", "true");
        flags.put("data-dir", "/var/lib/etcd");
        flags.put("key-file", "/etc/kubernetes/pki/etcd/server.key");
        flags.put("peer-cert-file", "/etc/kubernetes/pki/etcd/peer.crt");
        flags.put("peer-client-cert-auth", "true");
        flags.put("peer-key-file", "/etc/kubernetes/pki/etcd/peer.key");
        flags.put("peer-trusted-ca-file", "/etc/kubernetes/pki/etcd/ca.crt");
        flags.put("trusted-ca-file", "/etc/kubernetes/pki/etcd/ca.crt");
      }
      case KUBELET -> {
        // kubeadm configures the kubelet through a KubeletConfiguration file, not flags
      }
    }
    return flags;
  }
}
