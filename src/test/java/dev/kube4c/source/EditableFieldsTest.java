package dev.kube4c.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** EditableFields does what the LinkedHashMap it replaces does, operation for operation. */
class EditableFieldsTest {

  private static final String[] KEYS = {"apiVersion", "kind", "metadata", "spec", "status", "data"};

  @Test
  void randomEditsLeaveTheSameMapAsLinkedHashMap() {
    Random random = new Random(42);
    for (int round = 0; round < 2_000; round++) {
      Map<String, JsonNode> expected = new LinkedHashMap<>();
      Map<String, JsonNode> actual = new EditableFields(random.nextInt(3));
      for (int step = 0; step < 30; step++) {
        String key = KEYS[random.nextInt(KEYS.length)];
        JsonNode value = IntNode.valueOf(random.nextInt(100));
        switch (random.nextInt(6)) {
          case 0, 1 -> assertThat(actual.put(key, value)).isEqualTo(expected.put(key, value));
          case 2 -> assertThat(actual.remove(key)).isEqualTo(expected.remove(key));
          case 3 -> removeByIterator(expected, actual, random.nextInt(3));
          case 4 -> setByEntry(expected, actual, key, value);
          default -> {
            if (random.nextInt(10) == 0) {
              expected.clear();
              actual.clear();
            }
          }
        }
        assertThat(actual.get(key)).isEqualTo(expected.get(key));
        assertThat(actual.containsKey(key)).isEqualTo(expected.containsKey(key));
        assertThat(new ArrayList<>(actual.entrySet()))
            .isEqualTo(new ArrayList<>(expected.entrySet()));
        assertThat(actual).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(expected).isEqualTo(actual);
      }
    }
  }

  /** Removes, through the iterator, every entry whose value is a multiple of {@code divisor}. */
  private static void removeByIterator(
      Map<String, JsonNode> expected, Map<String, JsonNode> actual, int divisor) {
    for (Map<String, JsonNode> map : List.of(expected, actual)) {
      map.entrySet().removeIf(e -> e.getValue().intValue() % (divisor + 1) == 0);
    }
  }

  private static void setByEntry(
      Map<String, JsonNode> expected, Map<String, JsonNode> actual, String key, JsonNode value) {
    for (Map<String, JsonNode> map : List.of(expected, actual)) {
      for (Map.Entry<String, JsonNode> entry : map.entrySet()) {
        if (entry.getKey().equals(key)) {
          entry.setValue(value);
        }
      }
    }
  }

  @Test
  void anIteratorFailsFastWhenTheMapChangesUnderIt() {
    Map<String, JsonNode> fields = new EditableFields(2);
    fields.put("a", IntNode.valueOf(1));
    fields.put("b", IntNode.valueOf(2));
    Iterator<Map.Entry<String, JsonNode>> iterator = fields.entrySet().iterator();
    iterator.next();
    fields.put("c", IntNode.valueOf(3));
    assertThatThrownBy(iterator::next).isInstanceOf(ConcurrentModificationException.class);
  }

  @Test
  void jacksonEditsAnObjectBackedByIt() {
    ObjectNode object = new ObjectNode(JsonNodeFactory.instance, new EditableFields(1));
    object.put("kind", "Pod").put("status", "Running").putObject("metadata").put("name", "web");
    object.remove("status");
    object.set("kind", JsonNodeFactory.instance.textNode("Job"));
    assertThat(object.toString()).isEqualTo("{\"kind\":\"Job\",\"metadata\":{\"name\":\"web\"}}");
  }
}
