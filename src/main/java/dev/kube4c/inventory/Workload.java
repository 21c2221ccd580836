package dev.kube4c.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A typed view of an object that carries a pod spec: a Pod, a controller's pod template, or a
 * custom resource of the same shape. Findings go on {@link #resource()}, never on synthetic Pods.
 */
public record Workload(
    Resource resource,
    JsonNode podSpec,
    String podSpecPath,
    Map<String, String> podLabels,
    Map<String, String> podAnnotations,
    List<Container> containers) {

  /** Regular, init and ephemeral containers in that order. */
  public Stream<Container> allContainers() {
    return containers.stream();
  }

  public Stream<Container> containersOf(Container.Type type) {
    return containers.stream().filter(c -> c.type() == type);
  }

  /** A field path under the pod spec, for messages: {@code spec.template.spec.hostPID}. */
  public String path(String field) {
    return podSpecPath + "." + field;
  }

  public String namespace() {
    return resource.effectiveNamespace();
  }
}
