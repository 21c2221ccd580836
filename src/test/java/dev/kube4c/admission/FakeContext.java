package dev.kube4c.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Resource;
import dev.kube4c.source.Document;
import dev.kube4c.source.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A synced context cache holding the given objects. */
final class FakeContext implements ClusterContext {

  private final List<Resource> objects = new ArrayList<>();
  private final Inventory clusterWide;

  FakeContext(String... yaml) {
    List<Resource> cluster = new ArrayList<>();
    for (String text : yaml) {
      ObjectNode tree = Reviews.yaml(text);
      Resource r =
          Inventory.of(List.of(new Document(tree, Location.ofSource("cluster"))), List.of())
              .resources()
              .get(0);
      (r.isClusterScoped() ? cluster : objects).add(r);
    }
    clusterWide = Inventory.ofResources(cluster, List.of());
  }

  static FakeContext namespace(String name, String labels) {
    return new FakeContext(
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: "
            + name
            + ", labels: {"
            + labels
            + "}}\n");
  }

  @Override
  public Inventory clusterWide() {
    return clusterWide;
  }

  @Override
  public List<Resource> inNamespace(String namespace) {
    return objects.stream().filter(r -> namespace.equals(r.effectiveNamespace())).toList();
  }

  @Override
  public Set<String> missingKinds() {
    return Set.of();
  }

  @Override
  public int size() {
    return objects.size() + clusterWide.resources().size();
  }
}
