package dev.kube4c.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cluster's objects held so that memory is bounded by the largest namespace, not the cluster.
 *
 * <p>Objects that cross-namespace rules read stay in memory in full, in the cluster-wide index:
 * cluster-scoped kinds, RBAC, ServiceAccounts, Services, Ingresses, NetworkPolicies and the mesh
 * and Gateway API objects, all of them small. Everything else (workloads, ConfigMaps, quotas) goes
 * to a spill file on disk, namespace by namespace, and comes back one namespace at a time. A
 * workload also leaves a skeleton in the index (metadata, pod template metadata, service account,
 * host network, containers' names, images and ports), which is what RBAC and the mesh need to know
 * of pods in other namespaces. See {@link dev.kube4c.rules.Scope}.
 */
public final class PartitionedInventory implements AutoCloseable {

  /** Namespaced kinds that cross-namespace rules read in full; kept in the index. */
  static final Set<String> INDEX_KINDS =
      Set.of(
          "Role",
          "RoleBinding",
          "ServiceAccount",
          "Service",
          "Ingress",
          "NetworkPolicy",
          "PeerAuthentication",
          "AuthorizationPolicy",
          "DestinationRule",
          "Gateway",
          "HTTPRoute",
          "VirtualService");

  /** Pod spec fields that the skeleton of a workload keeps. */
  private static final List<String> SKELETON_POD_FIELDS =
      List.of(
          "serviceAccountName", "serviceAccount", "automountServiceAccountToken", "hostNetwork");

  private static final List<String> SKELETON_CONTAINER_FIELDS = List.of("name", "image", "ports");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Inventory index;
  private final Map<String, List<Resource>> indexedByNamespace;
  private final List<Resource> clusterScoped;
  private final SpillFile spill;
  private final Map<String, SpillFile.Extents> spilled;
  private final List<String> namespaces;
  private final int objectCount;

  private PartitionedInventory(Builder builder, List<InputProblem> problems) {
    this.index = Inventory.ofResources(builder.index, problems);
    this.indexedByNamespace = builder.indexedByNamespace;
    this.clusterScoped = List.copyOf(builder.clusterScoped);
    this.spill = builder.spill;
    this.spilled = builder.spilled;
    Set<String> names = new TreeSet<>(indexedByNamespace.keySet());
    names.addAll(spilled.keySet());
    this.namespaces = List.copyOf(names);
    this.objectCount = builder.objectCount;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The cluster-wide index: what {@link Inventory#clusterWide()} of every part returns. */
  public Inventory clusterWide() {
    return index;
  }

  /** Every namespace that has objects or a Namespace object, in order. */
  public List<String> namespaces() {
    return namespaces;
  }

  /** The cluster-scoped objects other than Namespaces (each Namespace goes with its objects). */
  public Inventory clusterScoped() {
    return Inventory.partOf(clusterScoped, index);
  }

  /** The namespace's objects and its Namespace object, read back from disk. */
  public Inventory namespace(String name) {
    List<Resource> resources = new ArrayList<>(indexedByNamespace.getOrDefault(name, List.of()));
    SpillFile.Extents extents = spilled.get(name);
    if (extents != null) {
      try {
        spill.read(
            extents,
            (bytes, location) ->
                resources.add(Inventory.resourceOf((ObjectNode) MAPPER.readTree(bytes), location)));
      } catch (IOException e) {
        throw new UncheckedIOException("reading back namespace " + name + " from disk", e);
      }
    }
    return Inventory.partOf(resources, index);
  }

  /** Objects held, in the index and on disk (skeletons not counted). */
  public int objectCount() {
    return objectCount;
  }

  /** Bytes written to the spill file. */
  public long spilledBytes() {
    return spill.size();
  }

  @Override
  public void close() {
    spill.close();
  }

  /** Takes objects one at a time, as a LIST streams them. */
  public static final class Builder implements AutoCloseable {
    private final List<Resource> index = new ArrayList<>();
    private final Map<String, List<Resource>> indexedByNamespace = new HashMap<>();
    private final List<Resource> clusterScoped = new ArrayList<>();
    private final Map<String, SpillFile.Extents> spilled = new HashMap<>();
    private final SpillFile spill = SpillFile.create();
    private int objectCount;

    private Builder() {}

    public void add(ObjectNode tree, Location location) {
      Resource resource = Inventory.resourceOf(tree, location);
      objectCount++;
      String namespace = resource.effectiveNamespace();
      if (namespace == null) {
        index.add(resource);
        if (resource.kind().equals("Namespace")) {
          indexedByNamespace.computeIfAbsent(resource.name(), k -> new ArrayList<>()).add(resource);
        } else {
          clusterScoped.add(resource);
        }
      } else if (INDEX_KINDS.contains(resource.kind())) {
        index.add(resource);
        indexedByNamespace.computeIfAbsent(namespace, k -> new ArrayList<>()).add(resource);
      } else {
        PodSpecs.workloadOf(resource).ifPresent(w -> index.add(skeleton(w)));
        try {
          spill.write(
              MAPPER.writeValueAsBytes(tree),
              location,
              spilled.computeIfAbsent(namespace, k -> new SpillFile.Extents()));
        } catch (IOException e) {
          throw new UncheckedIOException("writing to the spill file", e);
        }
      }
    }

    public PartitionedInventory build(List<InputProblem> problems) {
      spill.finishWriting();
      return new PartitionedInventory(this, problems);
    }

    /** Deletes the spill file when the build did not finish. */
    @Override
    public void close() {
      spill.close();
    }
  }

  /** The workload as the index keeps it: what cross-namespace rules read of pods. */
  static Resource skeleton(Workload workload) {
    Resource resource = workload.resource();
    ObjectNode object = resource.object();
    ObjectNode copy = MAPPER.createObjectNode();
    copy.set("apiVersion", object.get("apiVersion"));
    copy.set("kind", object.get("kind"));
    copy.set("metadata", object.get("metadata"));
    // Rebuild the path to the pod spec (spec, spec.template.spec, ...), keeping the pod template's
    // metadata on the way.
    String[] path = workload.podSpecPath().split("\\.");
    JsonNode originalParent = object;
    ObjectNode parent = copy;
    for (int i = 0; i < path.length - 1; i++) {
      originalParent = originalParent.path(path[i]);
      parent = parent.putObject(path[i]);
    }
    if (path.length > 1 && originalParent.get("metadata") instanceof ObjectNode templateMetadata) {
      ObjectNode metadata = parent.putObject("metadata");
      copyFields(templateMetadata, metadata, List.of("labels", "annotations"));
    }
    ObjectNode podSpec = parent.putObject(path[path.length - 1]);
    copyFields(workload.podSpec(), podSpec, SKELETON_POD_FIELDS);
    for (Container.Type type : Container.Type.values()) {
      JsonNode list = workload.podSpec().get(type.field());
      if (list instanceof ArrayNode containers) {
        ArrayNode kept = podSpec.putArray(type.field());
        for (JsonNode container : containers) {
          ObjectNode slim = kept.addObject();
          copyFields(container, slim, SKELETON_CONTAINER_FIELDS);
        }
      }
    }
    return new Resource(
        resource.apiVersion(),
        resource.kind(),
        resource.namespace(),
        resource.name(),
        copy,
        resource.location());
  }

  private static void copyFields(JsonNode from, ObjectNode to, List<String> fields) {
    for (String field : fields) {
      JsonNode value = from.get(field);
      if (value != null) {
        to.set(field, value);
      }
    }
  }
}
