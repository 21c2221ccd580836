package dev.kube4c.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.source.Location;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryByNamespaceTest {

  private static Resource secret(String namespace, String name) {
    ObjectNode object = new ObjectMapper().createObjectNode();
    return new Resource("v1", "Secret", namespace, name, object, new Location("f.yaml", 1, 1));
  }

  @Test
  void objectsOfAKindByEffectiveNamespaceInInputOrder() {
    Resource a = secret("prod", "a");
    Resource b = secret(null, "b");
    Resource c = secret("prod", "c");
    Inventory inventory = Inventory.ofResources(List.of(a, b, c), List.of());

    assertThat(inventory.ofKind("Secret", "prod")).containsExactly(a, c);
    assertThat(inventory.ofKind("Secret", "default")).containsExactly(b);
    assertThat(inventory.ofKind("Secret", "dev")).isEmpty();
    assertThat(inventory.ofKind("NetworkPolicy", "prod")).isEmpty();
  }
}
