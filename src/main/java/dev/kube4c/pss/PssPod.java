package dev.kube4c.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Pod Security admission looks at: the pod metadata and spec (as JSON trees) with the field
 * paths that messages quote. Built from a scanned {@link Workload} or from a raw Pod (webhook). The
 * metadata is found from {@code root} and {@code metadataPath} only when a check reads annotations,
 * since most checks never do and each rule builds its own view of every workload.
 */
public record PssPod(
    JsonNode root,
    String metadataPath,
    JsonNode spec,
    String specPath,
    List<PssContainer> containers) {

  /**
   * One container, in upstream's visiting order: init, regular, ephemeral. Its path is built only
   * when a message needs it, since most containers pass.
   */
  public record PssContainer(String name, JsonNode node, String specPath, String list, int index) {

    /** {@code spec.template.spec.initContainers[1]}. */
    public String path() {
      return specPath + "." + list + "[" + index + "]";
    }

    public JsonNode securityContext() {
      return node.path("securityContext");
    }

    /** {@code <container path>.securityContext.<field>}. */
    public String securityPath(String field) {
      return path() + ".securityContext." + field;
    }
  }

  private static final String[] CONTAINER_LISTS = {
    "initContainers", "containers", "ephemeralContainers"
  };

  /**
   * Where the pod metadata sits for the pod spec paths of {@link dev.kube4c.inventory.PodSpecs};
   * avoids re-parsing paths per check.
   */
  private static final Map<String, String> METADATA_PATHS =
      Map.of(
          "spec", "metadata",
          "template.spec", "template.metadata",
          "spec.template.spec", "spec.template.metadata",
          "spec.jobTemplate.spec.template.spec", "spec.jobTemplate.spec.template.metadata");

  public PssPod {
    containers = List.copyOf(containers);
  }

  /** {@code root} is the object that {@code metadataPath} (dot-separated) starts from. */
  public static PssPod of(JsonNode root, String metadataPath, JsonNode spec, String specPath) {
    List<PssContainer> containers = new ArrayList<>(spec.path("containers").size() + 1);
    for (String list : CONTAINER_LISTS) {
      JsonNode items = spec.get(list);
      if (items == null || !items.isArray()) {
        continue;
      }
      for (int i = 0; i < items.size(); i++) {
        JsonNode node = items.get(i);
        JsonNode name = node.path("name");
        containers.add(
            new PssContainer(
                name.isTextual() ? name.textValue() : "#" + i, node, specPath, list, i));
      }
    }
    return new PssPod(root, metadataPath, spec, specPath, containers);
  }

  /** A bare Pod object ({@code metadata}, {@code spec}). */
  public static PssPod ofPod(JsonNode pod) {
    return of(pod, "metadata", pod.path("spec"), "spec");
  }

  /**
   * The pod template of a workload; its metadata sits beside the spec ({@code
   * spec.template.metadata}).
   */
  public static PssPod of(Workload workload) {
    String specPath = workload.podSpecPath();
    String metadataPath = METADATA_PATHS.get(specPath);
    if (metadataPath == null) {
      metadataPath = specPath.substring(0, specPath.length() - "spec".length()) + "metadata";
    }
    return of(workload.resource().object(), metadataPath, workload.podSpec(), specPath);
  }

  public JsonNode securityContext() {
    return spec.path("securityContext");
  }

  /** {@code <spec path>.<field>}. */
  public String field(String field) {
    return specPath + "." + field;
  }

  public String annotationPath(String key) {
    return metadataPath + ".annotations[\"" + key + "\"]";
  }

  public JsonNode metadata() {
    JsonNode metadata = root;
    int from = 0;
    while (from <= metadataPath.length()) {
      int dot = metadataPath.indexOf('.', from);
      int to = dot < 0 ? metadataPath.length() : dot;
      metadata = metadata.path(metadataPath.substring(from, to));
      from = to + 1;
    }
    return metadata;
  }

  public JsonNode annotations() {
    return metadata().path("annotations");
  }

  /** spec.os.name is windows: restricted checks added before v1.25 do not apply to such pods. */
  public boolean isWindows() {
    return "windows".equals(spec.path("os").path("name").asText(null));
  }

  /** spec.hostUsers is false: since v1.35 some checks are relaxed for pods in a user namespace. */
  public boolean inUserNamespace() {
    return Json.isFalse(spec.path("hostUsers"));
  }
}
