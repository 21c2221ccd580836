package dev.kube4c.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.rules.WorkloadRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Some host paths hand over the node: its root, kubelet credentials, or the container runtime's
 * socket.
 */
public final class ContainerHostPathSensitive extends WorkloadRule {

  /**
   * Host paths that expose the node; a hostPath on one of them or below it is flagged ("/" only
   * exactly). The kubelet runs FlexVolume drivers from /usr/libexec/kubernetes/kubelet-plugins as
   * root, and GKE's Container-Optimized OS keeps the kubelet's binaries and bootstrap credentials
   * under /home/kubernetes: writing there takes the node.
   */
  static final List<String> SENSITIVE =
      List.of(
          "/etc",
          "/proc",
          "/sys",
          "/root",
          "/boot",
          "/dev",
          "/var/lib/kubelet",
          "/var/lib/docker",
          "/var/lib/containerd",
          "/var/lib/etcd",
          "/var/run/containerd",
          "/run/containerd",
          "/var/run/crio",
          "/run/crio",
          "/var/run/docker",
          "/run/docker",
          "/usr/libexec/kubernetes",
          "/home/kubernetes");

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("container-host-path-sensitive")
          .title("Pod mounts a sensitive host path")
          .area(Area.LEAST_PRIVILEGE)
          .severity(Severity.CRITICAL)
          .rationale(
              "A hostPath volume on the node's root, /etc, /proc, the kubelet's directory or a container runtime socket gives the pod the node's credentials or control of every container on it; it is the most common container escape.")
          .remediation(
              "Remove the hostPath volume; use a ConfigMap, Secret, emptyDir or a CSI volume instead. Node agents that truly need host access belong in a dedicated, tightly controlled namespace.")
          .references(
              "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
              "https://github.com/BishopFox/badPods")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.2.12")
                  .withNsa("Pod security: hardening container environments")
                  .withMitre("T1611")
                  .withPss("HostPath Volumes")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Workload workload, RuleContext context, FindingSink sink) {
    JsonNode volumes = workload.podSpec().path("volumes");
    List<String> found = new ArrayList<>();
    for (int i = 0; i < volumes.size(); i++) {
      JsonNode hostPath = volumes.path(i).path("hostPath").path("path");
      if (hostPath.isTextual() && isSensitive(hostPath.asText())) {
        found.add(workload.path("volumes[" + i + "].hostPath.path") + " is " + hostPath.asText());
      }
    }
    if (!found.isEmpty()) {
      sink.report(workload.resource(), String.join("; ", found));
    }
  }

  static boolean isSensitive(String path) {
    String normalized =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (normalized.equals("/") || normalized.endsWith(".sock")) {
      return true;
    }
    for (String sensitive : SENSITIVE) {
      if (normalized.equals(sensitive) || normalized.startsWith(sensitive + "/")) {
        return true;
      }
    }
    return false;
  }
}
