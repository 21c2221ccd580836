package dev.kube4c.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.source.Document;
import dev.kube4c.source.InputProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * All objects of one scan and the cross-object indexes that inventory-level rules use: objects by
 * kind, workloads, namespaces, and which Services select which workloads. Immutable once built.
 */
public final class Inventory {

  private final List<Resource> resources;
  private final List<Workload> workloads;
  private final Map<String, List<Resource>> byKind;
  private final Map<String, Resource> byKey;
  private final List<InputProblem> problems;
  private final Set<String> namespacesInUse;
  private final Map<String, List<Workload>> workloadsByNamespace;
  private final Map<String, List<Resource>> servicesByNamespace;
  private final Map<Class<?>, Memo> derived = new java.util.concurrent.ConcurrentHashMap<>();

  /** {@link #ofKind(String, String)}'s groups, by kind then namespace, made on first use. */
  private final Map<String, Map<String, List<Resource>>> byKindAndNamespace =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Inventory clusterWide;

  private Inventory(List<Resource> resources, List<InputProblem> problems, Inventory clusterWide) {
    this.clusterWide = clusterWide == null ? this : clusterWide;
    this.resources = List.copyOf(resources);
    this.problems = List.copyOf(problems);
    Map<String, List<Resource>> kinds = new HashMap<>();
    Map<String, Resource> keys = new HashMap<>();
    List<Workload> pods = new ArrayList<>();
    Set<String> namespaces = new TreeSet<>();
    for (Resource resource : resources) {
      kinds.computeIfAbsent(resource.kind(), k -> new ArrayList<>()).add(resource);
      keys.putIfAbsent(
          key(resource.kind(), resource.effectiveNamespace(), resource.name()), resource);
      PodSpecs.workloadOf(resource).ifPresent(pods::add);
      if (resource.effectiveNamespace() != null) {
        namespaces.add(resource.effectiveNamespace());
      }
    }
    kinds.replaceAll((k, v) -> List.copyOf(v));
    this.byKind = kinds;
    this.byKey = keys;
    this.workloads = List.copyOf(pods);
    this.namespacesInUse = Collections.unmodifiableSet(namespaces);
    Map<String, List<Workload>> workloadsByNs = new LinkedHashMap<>();
    for (Workload workload : workloads) {
      if (workload.namespace() != null) { // a pod template on a cluster-scoped object: none
        workloadsByNs.computeIfAbsent(workload.namespace(), k -> new ArrayList<>()).add(workload);
      }
    }
    this.workloadsByNamespace = Collections.unmodifiableMap(workloadsByNs);
    Map<String, List<Resource>> servicesByNs = new HashMap<>();
    for (Resource service : ofKind("Service")) {
      servicesByNs
          .computeIfAbsent(service.effectiveNamespace(), k -> new ArrayList<>())
          .add(service);
    }
    this.servicesByNamespace = servicesByNs;
  }

  public static Inventory of(List<Document> documents, List<InputProblem> problems) {
    List<Resource> resources = new ArrayList<>(documents.size());
    for (Document document : documents) {
      resources.add(toResource(document));
    }
    return new Inventory(resources, problems, null);
  }

  public static Inventory ofResources(List<Resource> resources, List<InputProblem> problems) {
    return new Inventory(resources, problems, null);
  }

  /**
   * One part of a cluster held in memory on its own (a namespace, or the cluster-scoped objects),
   * whose cross-namespace lookups go to {@code clusterWide}.
   */
  public static Inventory partOf(List<Resource> resources, Inventory clusterWide) {
    return new Inventory(resources, List.of(), clusterWide);
  }

  private static Resource toResource(Document document) {
    return resourceOf(document.tree(), document.location());
  }

  /** The object as the inventory holds it: trimmed of fields no rule reads. */
  static Resource resourceOf(ObjectNode tree, dev.kube4c.source.Location location) {
    trim(tree);
    JsonNode metadata = tree.path("metadata");
    // Interned: a scan holds a handful of distinct kinds and apiVersions, and every rule keys maps
    // by them, so equal ones are then the same String and compare at once.
    String kind = tree.path("kind").asText().intern();
    String namespace =
        metadata.path("namespace").isTextual() ? metadata.path("namespace").asText() : null;
    if (ClusterScope.isClusterScoped(kind)) {
      namespace = null;
    }
    String name = metadata.path("name").asText(metadata.path("generateName").asText("(unnamed)"));
    return new Resource(
        tree.path("apiVersion").asText().intern(), kind, namespace, name, tree, location);
  }

  /** Drops fields no rule reads, to keep memory proportional to what matters. */
  private static void trim(ObjectNode tree) {
    tree.remove("status");
    if (tree.get("metadata") instanceof ObjectNode metadata) {
      metadata.remove("managedFields");
      if (metadata.get("annotations") instanceof ObjectNode annotations) {
        annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
      }
    }
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
  }

  /**
   * A value derived from this inventory and shared by the rules of one scan (the RBAC model, the
   * NetworkPolicy index, the Pod Security verdicts), computed once, on first use: rules that ask
   * while it is being computed wait for it rather than compute it again.
   */
  public <T> T derived(Class<T> type, java.util.function.Function<Inventory, T> compute) {
    return type.cast(derived.computeIfAbsent(type, k -> new Memo()).get(() -> compute.apply(this)));
  }

  /**
   * Holds one derived value. Computed outside the map's lock, so that a computation may ask for
   * other derived values.
   */
  private static final class Memo {
    private Object value;

    synchronized Object get(java.util.function.Supplier<?> compute) {
      if (value == null) {
        value = compute.get();
      }
      return value;
    }
  }

  /**
   * The inventory that holds the whole cluster's cross-namespace objects: this one for a file scan;
   * for a live-cluster scan held a namespace at a time, the cluster-wide index ({@link
   * PartitionedInventory}). Lookups that reach outside an object's namespace go through it.
   */
  public Inventory clusterWide() {
    return clusterWide;
  }

  public List<Resource> resources() {
    return resources;
  }

  public List<Workload> workloads() {
    return workloads;
  }

  public List<Resource> ofKind(String kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  /**
   * The objects of that kind in that namespace ({@link Resource#effectiveNamespace()}), in input
   * order: for rules that ask per namespace or per object, which filtered the whole kind each time
   * (1M objects: 2 s of CPU for one rule).
   */
  public List<Resource> ofKind(String kind, String namespace) {
    return byKindAndNamespace
        .computeIfAbsent(kind, k -> byNamespace(ofKind(k)))
        .getOrDefault(namespace, List.of());
  }

  private static Map<String, List<Resource>> byNamespace(List<Resource> objects) {
    Map<String, List<Resource>> groups = new HashMap<>();
    for (Resource object : objects) {
      String namespace = object.effectiveNamespace();
      if (namespace != null) {
        groups.computeIfAbsent(namespace, n -> new ArrayList<>()).add(object);
      }
    }
    return groups;
  }

  /** The kinds of the objects held, each once. */
  public Set<String> kinds() {
    return byKind.keySet();
  }

  public boolean hasKind(String kind) {
    return byKind.containsKey(kind);
  }

  /**
   * The object of that kind, namespace (null for cluster-scoped) and name, when it was in the
   * input.
   */
  public java.util.Optional<Resource> find(String kind, String namespace, String name) {
    return java.util.Optional.ofNullable(byKey.get(key(kind, namespace, name)));
  }

  /** Problems found while reading the inputs; the input-parse-error rule reports them. */
  public List<InputProblem> problems() {
    return problems;
  }

  /** Every namespace that some namespaced object of the input lives in. */
  public Set<String> namespacesInUse() {
    return namespacesInUse;
  }

  /**
   * Workloads grouped by namespace, in input order; pod templates on cluster-scoped objects belong
   * to no namespace and are not here.
   */
  public Map<String, List<Workload>> workloadsByNamespace() {
    return workloadsByNamespace;
  }

  /** Services of the workload's namespace whose selector matches its pod labels. */
  public List<Resource> servicesSelecting(Workload workload) {
    List<Resource> services = new ArrayList<>();
    for (Resource service : servicesByNamespace.getOrDefault(workload.namespace(), List.of())) {
      if (Labels.mapSelects(Labels.of(service.spec().path("selector")), workload.podLabels())) {
        services.add(service);
      }
    }
    return services;
  }

  /** Workloads in the Service's namespace whose pod labels its selector matches. */
  public List<Workload> workloadsSelectedBy(Resource service) {
    Map<String, String> selector = Labels.of(service.spec().path("selector"));
    List<Workload> selected = new ArrayList<>();
    for (Workload workload :
        workloadsByNamespace.getOrDefault(service.effectiveNamespace(), List.of())) {
      if (Labels.mapSelects(selector, workload.podLabels())) {
        selected.add(workload);
      }
    }
    return selected;
  }
}
