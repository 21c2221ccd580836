package dev.kube4c.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of a small JSON object in two arrays, in order and read-only. Jackson backs each
 * object with a LinkedHashMap, an entry object per field and a hash table; most objects of a
 * Kubernetes tree have a handful of fields, for which this takes a third of the memory. Used for
 * the objects the parser builds (all but the parts the inventory trims) and for the cluster-wide
 * index; lookups scan the few keys.
 */
public final class FrozenFields extends AbstractMap<String, JsonNode> {

  /** Objects with more fields keep a hash map: lookups stay fast. */
  public static final int MAX_FIELDS = 8;

  private final String[] keys;
  private final JsonNode[] values;

  public FrozenFields(String[] keys, JsonNode[] values) {
    this.keys = keys;
    this.values = values;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public JsonNode get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  private int indexOf(Object key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Set<Entry<String, JsonNode>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return keys.length;
      }

      @Override
      public Iterator<Entry<String, JsonNode>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keys.length;
          }

          @Override
          public Entry<String, JsonNode> next() {
            if (next >= keys.length) {
              throw new NoSuchElementException();
            }
            Entry<String, JsonNode> entry = new SimpleImmutableEntry<>(keys[next], values[next]);
            next++;
            return entry;
          }
        };
      }
    };
  }
}
