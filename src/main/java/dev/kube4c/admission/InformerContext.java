package dev.kube4c.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.cluster.ApiKind;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Resource;
import dev.kube4c.source.Document;
import dev.kube4c.source.Location;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhook's context cache: one fabric8 informer (LIST, then WATCH) per kind of {@link
 * ContextKinds#WATCHED}, holding each object trimmed as the inventory holds it, at most {@code
 * limit} objects in all. A kind is missing until its informer has synced, and again when the limit
 * is reached (its view would be partial).
 */
public final class InformerContext implements ClusterContext, AutoCloseable {

  private static final Location SOURCE = Location.ofSource("cluster");

  private final KubernetesClient client;
  private final int limit;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers =
      new ConcurrentHashMap<>();

  /** Namespaced objects by namespace, then KIND/NAME; cluster-scoped ones under "". */
  private final Map<String, Map<String, Resource>> objects = new ConcurrentHashMap<>();

  private final Set<String> overLimit = ConcurrentHashMap.newKeySet();
  private final AtomicInteger count = new AtomicInteger();
  private volatile Inventory clusterWide = Inventory.ofResources(List.of(), List.of());
  private volatile boolean clusterWideStale = true;

  private InformerContext(KubernetesClient client, int limit) {
    this.client = client;
    this.limit = limit;
  }

  /** Starts the informers and returns at once; {@link #ready()} says when they have synced. */
  public static InformerContext start(KubernetesClient client, int limit) {
    InformerContext context = new InformerContext(client, limit);
    for (ApiKind kind : ContextKinds.WATCHED) {
      context.watch(kind);
    }
    return context;
  }

  private void watch(ApiKind kind) {
    ResourceDefinitionContext definition =
        new ResourceDefinitionContext.Builder()
            .withGroup(kind.group())
            .withVersion(kind.version())
            .withPlural(kind.plural())
            .withKind(kind.kind())
            .withNamespaced(kind.namespaced())
            .build();
    SharedIndexInformer<GenericKubernetesResource> informer =
        client.genericKubernetesResources(definition).inAnyNamespace().runnableInformer(0);
    informer.addEventHandler(
        new ResourceEventHandler<GenericKubernetesResource>() {
          @Override
          public void onAdd(GenericKubernetesResource object) {
            put(kind, object);
          }

          @Override
          public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource object) {
            put(kind, object);
          }

          @Override
          public void onDelete(GenericKubernetesResource object, boolean unknownFinalState) {
            remove(kind, object);
          }
        });
    informers.put(kind.kind(), informer);
    // A kind we may not list (RBAC) keeps retrying in the informer and stays missing meanwhile.
    informer.start();
  }

  private void put(ApiKind kind, GenericKubernetesResource object) {
    Resource resource = toResource(kind, object);
    if (resource == null) {
      return;
    }
    Map<String, Resource> part =
        objects.computeIfAbsent(partOf(kind, resource), k -> new ConcurrentHashMap<>());
    String key = kind.kind() + "/" + resource.name();
    if (!part.containsKey(key) && count.get() >= limit) {
      overLimit.add(kind.kind());
      return;
    }
    if (part.put(key, resource) == null) {
      count.incrementAndGet();
    }
    if (!kind.namespaced()) {
      clusterWideStale = true;
    }
  }

  private void remove(ApiKind kind, GenericKubernetesResource object) {
    String namespace = kind.namespaced() ? object.getMetadata().getNamespace() : "";
    Map<String, Resource> part = objects.get(namespace == null ? "default" : namespace);
    if (part != null && part.remove(kind.kind() + "/" + object.getMetadata().getName()) != null) {
      count.decrementAndGet();
    }
    if (!kind.namespaced()) {
      clusterWideStale = true;
    }
  }

  private static String partOf(ApiKind kind, Resource resource) {
    return kind.namespaced() ? resource.effectiveNamespace() : "";
  }

  /** fabric8's model to the Jackson tree that rules read (fabric8 8 uses Jackson 3 inside). */
  private Resource toResource(ApiKind kind, GenericKubernetesResource object) {
    try {
      JsonNode tree = json.readTree(client.getKubernetesSerialization().asJson(object));
      if (!(tree instanceof ObjectNode node)) {
        return null;
      }
      node.put("apiVersion", kind.groupVersion());
      node.put("kind", kind.kind());
      return Inventory.of(List.of(new Document(node, SOURCE)), List.of()).resources().get(0);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  @Override
  public Inventory clusterWide() {
    if (clusterWideStale) {
      synchronized (this) {
        if (clusterWideStale) {
          clusterWideStale = false;
          Map<String, Resource> part = objects.getOrDefault("", Map.of());
          clusterWide = Inventory.ofResources(new ArrayList<>(part.values()), List.of());
        }
      }
    }
    return clusterWide;
  }

  @Override
  public List<Resource> inNamespace(String namespace) {
    Map<String, Resource> part = objects.get(namespace);
    return part == null ? List.of() : new ArrayList<>(part.values());
  }

  @Override
  public Set<String> missingKinds() {
    Set<String> missing = new HashSet<>(overLimit);
    informers.forEach(
        (kind, informer) -> {
          if (!informer.hasSynced()) {
            missing.add(kind);
          }
        });
    return missing;
  }

  @Override
  public int size() {
    return count.get();
  }

  /** True once every informer has listed its kind and holds an open WATCH. */
  boolean watching() {
    return informers.values().stream().allMatch(SharedIndexInformer::isWatching);
  }

  @Override
  public void close() {
    informers.values().forEach(SharedIndexInformer::stop);
    // Wait (briefly) until the watches are closed, so a shutdown leaves no connection half open.
    for (SharedIndexInformer<GenericKubernetesResource> informer : informers.values()) {
      try {
        informer.stopped().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // stopped with an error or slowly: nothing more to wait for
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
