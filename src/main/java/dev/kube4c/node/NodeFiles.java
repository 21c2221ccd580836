package dev.kube4c.node;

import java.util.List;

/**
 * The files of a node that the CIS benchmark audits (sections 1.1 and 4.1), with the most
 * permissive mode and the owner it allows. Paths are as seen on the node; a folder entry with
 * {@code recursive} covers every regular file below it.
 */
final class NodeFiles {

  private NodeFiles() {}

  /**
   * One audited file or folder: its CIS ids, the widest allowed permission bits, and the owner
   * ("root" or "etcd").
   */
  record Audit(
      String path,
      String cis,
      String what,
      int maxMode,
      String owner,
      boolean recursive,
      String suffix) {}

  static final List<Audit> AUDITS =
      List.of(
          new Audit(
              "/etc/kubernetes/manifests/kube-apiserver.yaml",
              "1.1.1, 1.1.2",
              "API server pod specification",
              0600,
              "root",
              false,
              null),
          new Audit(
              "/etc/kubernetes/manifests/kube-controller-manager.yaml",
              "1.1.3, 1.1.4",
              "controller manager pod specification",
              0600,
              "root",
              false,
              null),
          new Audit(
              "/etc/kubernetes/manifests/kube-scheduler.yaml",
              "1.1.5, 1.1.6",
              "scheduler pod specification",
              0600,
              "root",
              false,
              null),
          new Audit(
              "/etc/kubernetes/manifests/etcd.yaml",
              "1.1.7, 1.1.8",
              "etcd pod specification",
              0600,
              "root",
              false,
              null),
          new Audit(
              "/etc/cni/net.d",
              "1.1.9, 1.1.10",
              "CNI configuration file",
              0600,
              "root",
              true,
              null),
          new Audit(
              "/var/lib/etcd", "1.1.11, 1.1.12", "etcd data directory", 0700, "etcd", false, null),
          new Audit(
              "/etc/kubernetes/admin.conf",
              "1.1.13, 1.1.14",
              "admin kubeconfig",
              0600,
              "root",
              false,
              null),
          new Audit(
              "/etc/kubernetes/super-admin.conf",
              "1.1.13, 1.1.14",
              "super-admin kubeconfig",
              0600,
              "root",
              false,
              null),
          new Audit(
              "/etc/kubernetes/scheduler.conf",
              "1.1.15, 1.1.16",
              "scheduler kubeconfig",
              0600,
              "root",
              false,
              null),
          new Audit(
              "/etc/kubernetes/controller-manager.conf",
              "1.1.17, 1.1.18",
              "controller manager kubeconfig",
              0600,
              "root",
              false,
              null),
          new Audit(
              "/etc/kubernetes/pki",
              "1.1.19, 1.1.20",
              "PKI certificate",
              0600,
              "root",
              true,
              ".crt"),
          new Audit("/etc/kubernetes/pki", "1.1.19, 1.1.21", "PKI key", 0600, "root", true, ".key"),
          new Audit(
              "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf",
              "4.1.1, 4.1.2",
              "kubelet service file",
              0600,
              "root",
              false,
              null),
          new Audit(
              "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf",
              "4.1.1, 4.1.2",
              "kubelet service file",
              0600,
              "root",
              false,
              null),
          new Audit(
              "/lib/systemd/system/kubelet.service",
              "4.1.1, 4.1.2",
              "kubelet service file",
              0600,
              "root",
              false,
              null),
          new Audit(
              "/var/lib/kube-proxy/kubeconfig.conf",
              "4.1.3, 4.1.4",
              "kube-proxy kubeconfig",
              0600,
              "root",
              false,
              null),
          new Audit(
              "/etc/kubernetes/kubelet.conf",
              "4.1.5, 4.1.6",
              "kubelet kubeconfig",
              0600,
              "root",
              false,
              null),
          new Audit(
              "/var/lib/kubelet/config.yaml",
              "4.1.9, 4.1.10",
              "kubelet configuration file",
              0600,
              "root",
              false,
              null));

  /**
   * Files whose content kube4c reads in node mode (besides static Pod manifests and process command
   * lines).
   */
  static final List<String> CONFIG_FILES =
      List.of(
          "/var/lib/kubelet/config.yaml",
          "/var/lib/kubelet/kubeadm-flags.env",
          "/etc/default/kubelet",
          "/etc/sysconfig/kubelet",
          "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf",
          "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf",
          "/etc/kubernetes/kubeadm-config.yaml");
}
