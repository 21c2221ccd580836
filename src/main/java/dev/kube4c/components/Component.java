package dev.kube4c.components;

import java.util.Optional;

/** The control-plane and node components whose settings the CIS Kubernetes Benchmark audits. */
public enum Component {
  APISERVER("kube-apiserver"),
  CONTROLLER_MANAGER("kube-controller-manager"),
  SCHEDULER("kube-scheduler"),
  ETCD("etcd"),
  KUBELET("kubelet");

  private final String binary;

  Component(String binary) {
    this.binary = binary;
  }

  public String binary() {
    return binary;
  }

  /** The component a command (its path or name, e.g. /usr/local/bin/kube-apiserver) runs. */
  public static Optional<Component> ofCommand(String command) {
    String name = command.substring(command.lastIndexOf('/') + 1).trim();
    for (Component c : values()) {
      if (c.binary.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
