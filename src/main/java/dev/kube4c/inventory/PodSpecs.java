package dev.kube4c.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the pod spec inside each pod-bearing kind (RULES.md "Granularity"). */
public final class PodSpecs {

  private PodSpecs() {}

  public static Optional<Workload> workloadOf(Resource resource) {
    JsonNode object = resource.object();
    return switch (resource.kind()) {
      case "Pod" -> of(resource, object.path("metadata"), object.path("spec"), "spec");
      case "PodTemplate" ->
          of(
              resource,
              object.path("template").path("metadata"),
              object.path("template").path("spec"),
              "template.spec");
      case "CronJob" -> jobTemplate(resource);
      default -> templated(resource);
    };
  }

  /**
   * Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, ReplicationController and CRs of that
   * shape.
   */
  private static Optional<Workload> templated(Resource resource) {
    JsonNode template = resource.spec().path("template");
    if (template.path("spec").path("containers").isArray()) {
      return of(resource, template.path("metadata"), template.path("spec"), "spec.template.spec");
    }
    return jobTemplate(resource);
  }

  private static Optional<Workload> jobTemplate(Resource resource) {
    JsonNode template = resource.spec().path("jobTemplate").path("spec").path("template");
    if (template.path("spec").path("containers").isArray()) {
      return of(
          resource,
          template.path("metadata"),
          template.path("spec"),
          "spec.jobTemplate.spec.template.spec");
    }
    return Optional.empty();
  }

  private static Optional<Workload> of(
      Resource resource, JsonNode metadata, JsonNode podSpec, String path) {
    if (!podSpec.path("containers").isArray()) {
      return Optional.empty();
    }
    List<Container> containers = new ArrayList<>();
    for (Container.Type type : Container.Type.values()) {
      JsonNode list = podSpec.path(type.field());
      // A mapping where a list belongs (a typo in the manifest) holds no containers.
      for (int i = 0; list.isArray() && i < list.size(); i++) {
        JsonNode node = list.get(i);
        containers.add(
            new Container(
                node.path("name").asText("#" + i),
                node,
                path + "." + type.field() + "[" + i + "]",
                type));
      }
    }
    return Optional.of(
        new Workload(
            resource,
            podSpec,
            path,
            Labels.of(metadata.path("labels")),
            Labels.of(metadata.path("annotations")),
            List.copyOf(containers)));
  }
}
