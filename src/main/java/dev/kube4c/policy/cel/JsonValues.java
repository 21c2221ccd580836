package dev.kube4c.policy.cel;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.NullValue;
import dev.cel.common.exceptions.CelAttributeNotFoundException;
import dev.cel.common.values.CelValue;
import dev.cel.common.values.SelectableValue;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * JSON trees as CEL values, without copying: objects are read-only maps and arrays read-only lists
 * whose members are converted when an expression touches them. An expression that reads three
 * fields of a large object converts three fields.
 */
public final class JsonValues {

  private JsonValues() {}

  /** The CEL value of a JSON node; a missing node is CEL's null. */
  public static Object of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return NullValue.NULL_VALUE;
    }
    if (node.isObject()) {
      return new ObjectView(node);
    }
    if (node.isArray()) {
      return new ArrayView(node);
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }

  /**
   * A value an expression returned, as kept for later expressions (a policy's variables): a list of
   * plain values (strings, numbers, booleans, null, JSON views) is wrapped as a {@link ListValue},
   * which the runtime takes as it is, instead of converting the whole list again at every read of
   * the variable. Other values are returned unchanged.
   */
  public static Object settled(Object value) {
    if (value instanceof CelValue || !(value instanceof List<?> list)) {
      return value;
    }
    for (int i = 0; i < list.size(); i++) {
      if (!isSettled(list.get(i))) {
        return value;
      }
    }
    @SuppressWarnings("unchecked")
    List<Object> elements = (List<Object>) list;
    return new Settled(elements);
  }

  /** A value that the runtime's conversion leaves as it is, with nothing inside to convert. */
  private static boolean isSettled(Object element) {
    return element instanceof String
        || element instanceof Long
        || element instanceof Double
        || element instanceof Boolean
        || element == NullValue.NULL_VALUE
        || element instanceof ObjectView
        || element instanceof ArrayView;
  }

  private static final class Settled extends ListValue {
    private final List<Object> elements;

    Settled(List<Object> elements) {
      this.elements = elements;
    }

    @Override
    public Object get(int index) {
      return elements.get(index);
    }

    @Override
    public int size() {
      return elements.size();
    }
  }

  /**
   * A {@link SelectableValue} too, which the runtime asks first when it selects a field: answering
   * there, as a map would, spares a failed interface check per selection, which C1's code makes in
   * a slow stub (a quarter of the policies' CPU time at 100k objects). Not for every MapValue: a
   * presence test on a map only asks for the key, and {@link #find} reads the value, which for a
   * policy's variables would evaluate it.
   */
  private static final class ObjectView extends MapValue implements SelectableValue<String> {
    private final JsonNode node;

    /**
     * The field found by the last containsKey: CEL selects a field with containsKey, then get with
     * the same key. One object, so that threads sharing a view (a value kept for the whole scan)
     * never see one field's key with another's node.
     */
    private Found found;

    private record Found(Object key, JsonNode child) {}

    ObjectView(JsonNode node) {
      this.node = node;
    }

    @Override
    public Object get(Object key) {
      Found last = found;
      JsonNode child =
          last != null && last.key() == key
              ? last.child()
              : key instanceof String name ? node.get(name) : null;
      return child == null ? null : of(child);
    }

    @Override
    public boolean containsKey(Object key) {
      JsonNode child = key instanceof String name ? node.get(name) : null;
      found = new Found(key, child);
      return child != null;
    }

    /** As the runtime selects a map's key: the value, or "no such key". */
    @Override
    public Object select(String field) {
      Object value = get(field);
      if (value == null) {
        throw CelAttributeNotFoundException.forMissingMapKey(field);
      }
      return value;
    }

    @Override
    public Optional<Object> find(String field) {
      return containsKey(field) ? Optional.ofNullable(get(field)) : Optional.empty();
    }

    @Override
    public int size() {
      return node.size();
    }

    @Override
    protected Set<Entry<String, Object>> entries() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return fields.hasNext();
            }

            @Override
            public Entry<String, Object> next() {
              Map.Entry<String, JsonNode> field = fields.next();
              return new AbstractMap.SimpleImmutableEntry<>(field.getKey(), of(field.getValue()));
            }
          };
        }

        @Override
        public int size() {
          return node.size();
        }
      };
    }
  }

  private static final class ArrayView extends ListValue {
    private final JsonNode node;

    ArrayView(JsonNode node) {
      this.node = node;
    }

    @Override
    public Object get(int index) {
      return of(node.get(index));
    }

    @Override
    public int size() {
      return node.size();
    }
  }
}
