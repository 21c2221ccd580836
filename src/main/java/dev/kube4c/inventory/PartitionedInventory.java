package dev.kube4c.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kube4c.source.FrozenFields;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cluster's objects held so that namespaced objects take memory one namespace at a time.
 *
 * <p>Every namespaced object goes to a spill file on disk as it arrives, and comes back with the
 * rest of its namespace, one namespace at a time. What cross-namespace rules ({@link
 * dev.kube4c.rules.Scope#CLUSTER}) read stays in memory, in the cluster-wide index: the
 * cluster-scoped objects in full, and projections of the namespaced objects those rules read: the
 * fields they read of RBAC, mesh and route objects and Services, and of each workload its pod
 * labels and annotations, service account, host network and containers' names and images. The index
 * grows with the cluster, at a fraction of the objects' size (bench/RESULTS.md).
 */
public final class PartitionedInventory implements AutoCloseable {

  /**
   * What the index keeps of the namespaced kinds that cross-namespace rules read: RBAC reads Roles
   * and RoleBindings whole; the mesh rules read Istio policies, which Services select which pods,
   * and whether any Istio Gateway or VirtualService exists; the Gateway redirect check reads which
   * HTTPRoutes redirect to https for which parents. Each keeps apiVersion, kind, name, namespace
   * (and labels, for RBAC objects) besides the fields named here.
   */
  private static final Map<String, List<String>> PROJECTED_FIELDS =
      Map.of(
          "Role", List.of("rules"),
          "RoleBinding", List.of("subjects", "roleRef"),
          "PeerAuthentication", List.of("spec"),
          "AuthorizationPolicy", List.of("spec"),
          "DestinationRule", List.of("spec"),
          "Service", List.of(),
          "HTTPRoute", List.of(),
          "Gateway", List.of(),
          "VirtualService", List.of(),
          // Trivy/Grype reports given as input: the vulnerability stage reads them cluster-wide
          "ImageVulnerabilityReport", List.of("spec"));

  /** Pod spec fields that the skeleton of a workload keeps. */
  private static final List<String> SKELETON_POD_FIELDS =
      List.of(
          "serviceAccountName", "serviceAccount", "automountServiceAccountToken", "hostNetwork");

  private static final List<String> SKELETON_CONTAINER_FIELDS = List.of("name", "image");

  private static final List<String> NAMES = List.of("name", "generateName", "namespace");

  private static final List<String> POD_METADATA =
      List.of("name", "generateName", "namespace", "labels", "annotations");

  private static final List<String> NAMES_AND_LABELS =
      List.of("name", "generateName", "namespace", "labels");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Inventory index;
  private final Map<String, List<Resource>> namespaceObjects;
  private final List<Resource> clusterScoped;
  private final SpillFile spill;
  private final Map<String, SpillFile.Extents> spilled;
  private final List<String> namespaces;
  private final int objectCount;

  private PartitionedInventory(Builder builder, List<InputProblem> problems) {
    this.index = Inventory.ofResources(builder.index, problems);
    this.namespaceObjects = builder.namespaceObjects;
    this.clusterScoped = List.copyOf(builder.clusterScoped);
    this.spill = builder.spill;
    this.spilled = builder.spilled;
    Set<String> names = new TreeSet<>(namespaceObjects.keySet());
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
    List<Resource> resources = new ArrayList<>();
    resources.addAll(namespaceObjects.getOrDefault(name, List.of()));
    SpillFile.Extents extents = spilled.get(name);
    if (extents != null) {
      try {
        spill.read(
            extents,
            (bytes, location) ->
                resources.add(Inventory.resourceOf((ObjectNode) MAPPER.readTree(bytes), location)));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read namespace " + name + " back from the spill file: " + e.getMessage(), e);
      }
    }
    return Inventory.partOf(resources, index);
  }

  /**
   * The bytes the namespace's objects take on disk: how long its rules may take, relatively. Null
   * (the cluster-scoped objects, held in memory): the most, so that they are taken first.
   */
  public long bytesOf(String namespace) {
    if (namespace == null) {
      return Long.MAX_VALUE;
    }
    SpillFile.Extents extents = spilled.get(namespace);
    return extents == null ? 0 : extents.bytes();
  }

  /** Objects held, in the index and on disk (projections not counted). */
  public int objectCount() {
    return objectCount;
  }

  /** Bytes written to the spill file. */
  public long spilledBytes() {
    return spill == null ? 0 : spill.size();
  }

  @Override
  public void close() {
    if (spill != null) {
      spill.close();
    }
  }

  /**
   * The parameter objects of admission policies that live in a namespace of their own (a binding's
   * {@code paramRef.namespace}): policies judge objects of every namespace with them, so the index
   * keeps them whole. They are added when the index is built, as the bindings may come last.
   */
  private static final class ParamTargets {
    private final java.util.Set<String> kinds = new java.util.HashSet<>();
    private final java.util.Set<String> namespaces = new java.util.HashSet<>();

    void note(Resource resource) {
      if (resource.kind().equals("ValidatingAdmissionPolicy")) {
        String kind = resource.spec().path("paramKind").path("kind").asText("");
        if (!kind.isEmpty()) {
          kinds.add(kind);
        }
      } else if (resource.kind().equals("ValidatingAdmissionPolicyBinding")) {
        String namespace = resource.spec().path("paramRef").path("namespace").asText("");
        if (!namespace.isEmpty()) {
          namespaces.add(namespace);
        }
      }
    }

    boolean wanted(Resource resource) {
      return !kinds.isEmpty()
          && kinds.contains(resource.kind())
          && namespaces.contains(resource.effectiveNamespace());
    }
  }

  /**
   * One object made ready for the builder, on any thread ({@link Builder#prepare}): the object as
   * the inventory holds it, what the index keeps of it (null: nothing) and, for a namespaced
   * object, its bytes for the spill file. The builder takes entries one at a time, in input order.
   */
  public record Entry(Resource resource, Resource indexCopy, byte[] spilled) {}

  /** Takes objects one at a time, as a LIST streams them. */
  public static final class Builder implements AutoCloseable {
    private final List<Resource> index = new ArrayList<>();
    private final Map<String, List<Resource>> namespaceObjects = new HashMap<>();
    private final List<Resource> clusterScoped = new ArrayList<>();
    private final ParamTargets paramTargets = new ParamTargets();
    private final Map<String, SpillFile.Extents> spilled = new HashMap<>();
    private SpillFile spill; // made at the first namespaced object: a small scan writes no file
    private final Compactor compactor = new Compactor();
    private int objectCount;

    private Builder() {}

    /**
     * The work of {@link #add(ObjectNode, Location)} that needs no state of the builder: safe to
     * run on many threads at once, for objects read in parallel.
     */
    public static Entry prepare(ObjectNode tree, Location location) {
      Resource resource = Inventory.resourceOf(tree, location);
      if (resource.effectiveNamespace() == null) {
        return new Entry(resource, null, null);
      }
      try {
        return new Entry(
            resource, indexCopy(resource).orElse(null), MAPPER.writeValueAsBytes(tree));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot serialize " + resource.kind(), e);
      }
    }

    public void add(ObjectNode tree, Location location) {
      add(prepare(tree, location));
    }

    /** Takes the next object, made ready by {@link #prepare}. */
    public void add(Entry entry) {
      Resource resource = entry.resource();
      objectCount++;
      String namespace = resource.effectiveNamespace();
      if (namespace == null) {
        resource = compactor.copy(resource);
        index.add(resource);
        if (resource.kind().equals("Namespace")) {
          // Files may define one Namespace twice (two copies of one app): both are objects of the
          // input, as in one inventory.
          namespaceObjects.computeIfAbsent(resource.name(), n -> new ArrayList<>()).add(resource);
        } else {
          clusterScoped.add(resource);
        }
        paramTargets.note(resource);
        return;
      }
      if (entry.indexCopy() != null) {
        index.add(compactor.copy(entry.indexCopy()));
      }
      try {
        if (spill == null) {
          spill = SpillFile.create();
        }
        spill.write(
            entry.spilled(),
            resource.location(),
            spilled.computeIfAbsent(namespace, k -> new SpillFile.Extents()));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot write to the spill file in "
                + System.getProperty("java.io.tmpdir")
                + ": "
                + e.getMessage(),
            e);
      }
    }

    public PartitionedInventory build(List<InputProblem> problems) {
      if (spill != null) {
        spill.finishWriting();
      }
      addParams();
      compactor.texts.clear();
      return new PartitionedInventory(this, problems);
    }

    /**
     * Adds to the index, whole, the parameter objects that policies read across namespaces ({@link
     * ParamTargets}), read back from the spill file: files may list a binding after its params.
     */
    private void addParams() {
      for (String namespace : new TreeSet<>(spilled.keySet())) {
        if (!paramTargets.namespaces.contains(namespace)) {
          continue;
        }
        try {
          spill.read(
              spilled.get(namespace),
              (bytes, location) -> {
                Resource resource =
                    Inventory.resourceOf((ObjectNode) MAPPER.readTree(bytes), location);
                if (paramTargets.wanted(resource)) {
                  index.removeIf(kept -> sameIdentity(kept, resource)); // its projection, if any
                  index.add(compactor.copy(resource));
                }
              });
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cannot read namespace " + namespace + " back from the spill file: " + e.getMessage(),
              e);
        }
      }
    }

    /** Deletes the spill file when the build did not finish. */
    @Override
    public void close() {
      if (spill != null) {
        spill.close();
      }
    }
  }

  /**
   * Copies index objects into read-only compact fields ({@link FrozenFields}) with shared text
   * values. Jackson's trees are built for parsing and editing (every object a hash map); the index
   * lives as long as the scan, and must not change. Only the index is compacted: namespaces come
   * and go.
   */
  private static final class Compactor {
    private final Map<String, TextNode> texts = new HashMap<>();

    Resource copy(Resource resource) {
      return sameObject(resource, (ObjectNode) copy(resource.object()));
    }

    private JsonNode copy(JsonNode node) {
      if (node instanceof ObjectNode object) {
        return new ObjectNode(JsonNodeFactory.instance, fields(object));
      }
      if (node instanceof ArrayNode array) {
        ArrayNode copy = new ArrayNode(JsonNodeFactory.instance, array.size());
        array.forEach(element -> copy.add(copy(element)));
        return copy;
      }
      if (node instanceof TextNode text) {
        return texts.computeIfAbsent(text.textValue(), TextNode::new);
      }
      return node; // numbers, booleans and nulls are small and immutable
    }

    private Map<String, JsonNode> fields(ObjectNode object) {
      if (object.size() > FrozenFields.MAX_FIELDS) {
        Map<String, JsonNode> fields = new LinkedHashMap<>((int) (object.size() / 0.75f) + 1);
        object.properties().forEach(e -> fields.put(e.getKey(), copy(e.getValue())));
        return java.util.Collections.unmodifiableMap(fields);
      }
      String[] keys = new String[object.size()];
      JsonNode[] values = new JsonNode[object.size()];
      int i = 0;
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        keys[i] = field.getKey();
        values[i++] = copy(field.getValue());
      }
      return new FrozenFields(keys, values);
    }
  }

  /**
   * What the index keeps of a namespaced object, if anything: a skeleton of its pod spec when it
   * carries one, the fields of PROJECTED_FIELDS when its kind is there, and both when both (an
   * object of a projected kind with a pod template is a workload too).
   */
  static Optional<Resource> indexCopy(Resource resource) {
    Optional<Workload> workload = PodSpecs.workloadOf(resource);
    List<String> projected = PROJECTED_FIELDS.get(resource.kind());
    if (workload.isEmpty() && projected == null) {
      return Optional.empty();
    }
    JsonNode object = resource.object();
    ObjectNode copy = MAPPER.createObjectNode();
    copy.set("apiVersion", object.get("apiVersion"));
    copy.set("kind", object.get("kind"));
    copyFields(object.path("metadata"), copy.putObject("metadata"), metadataFields(resource));
    workload.ifPresent(w -> addPodSpec(w, copy));
    if (projected != null) {
      addProjection(resource.kind(), object, copy, projected);
    }
    return Optional.of(sameObject(resource, copy));
  }

  /** A Pod's own labels and annotations are its pod's; RBAC reads the labels of its objects. */
  private static List<String> metadataFields(Resource resource) {
    if (resource.kind().equals("Pod")) {
      return POD_METADATA;
    }
    return resource.kind().startsWith("Role") ? NAMES_AND_LABELS : NAMES;
  }

  /**
   * The path to the pod spec (spec, spec.template.spec, ...) with the pod template's labels and
   * annotations on the way, and what the index keeps of the pod spec.
   */
  private static void addPodSpec(Workload workload, ObjectNode copy) {
    String[] path = workload.podSpecPath().split("\\.");
    JsonNode originalParent = workload.resource().object();
    ObjectNode parent = copy;
    for (int i = 0; i < path.length - 1; i++) {
      originalParent = originalParent.path(path[i]);
      parent = objectField(parent, path[i]);
    }
    if (path.length > 1 && originalParent.get("metadata") instanceof ObjectNode templateMetadata) {
      copyFields(templateMetadata, parent.putObject("metadata"), List.of("labels", "annotations"));
    }
    ObjectNode podSpec = parent.putObject(path[path.length - 1]);
    copyFields(workload.podSpec(), podSpec, SKELETON_POD_FIELDS);
    for (Container.Type type : Container.Type.values()) {
      if (workload.podSpec().get(type.field()) instanceof ArrayNode containers) {
        ArrayNode kept = podSpec.putArray(type.field());
        for (JsonNode container : containers) {
          copyFields(container, kept.addObject(), SKELETON_CONTAINER_FIELDS);
        }
      }
    }
  }

  private static void addProjection(
      String kind, JsonNode object, ObjectNode copy, List<String> fields) {
    copyFields(object, copy, fields);
    switch (kind) {
      case "Service" ->
          copyFields(object.path("spec"), objectField(copy, "spec"), List.of("selector"));
      case "HTTPRoute" -> {
        ObjectNode spec = objectField(copy, "spec");
        copyFields(object.path("spec"), spec, List.of("parentRefs"));
        ArrayNode rules = spec.putArray("rules");
        for (JsonNode rule : JsonLists.of(object.path("spec").path("rules"))) {
          copyFields(rule, rules.addObject(), List.of("filters"));
        }
      }
      default -> {}
    }
  }

  private static ObjectNode objectField(ObjectNode parent, String name) {
    return parent.get(name) instanceof ObjectNode child ? child : parent.putObject(name);
  }

  private static Resource sameObject(Resource resource, ObjectNode tree) {
    return new Resource(
        resource.apiVersion(),
        resource.kind(),
        resource.namespace(),
        resource.name(),
        tree,
        resource.location());
  }

  /** The same object of the input: kind, namespace, name and where it was read. */
  private static boolean sameIdentity(Resource a, Resource b) {
    return a.kind().equals(b.kind())
        && a.name().equals(b.name())
        && java.util.Objects.equals(a.effectiveNamespace(), b.effectiveNamespace())
        && java.util.Objects.equals(a.location(), b.location());
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
