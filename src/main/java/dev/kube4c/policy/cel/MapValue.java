package dev.kube4c.policy.cel;

import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.CelValue;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * A read-only map computed on demand (a JSON object, a policy's variables) that CEL's runtime takes
 * as it is: being a {@link CelValue}, it is not converted entry by entry, as the runtime converts a
 * plain map at every field it selects.
 *
 * <p>{@link CelValue} is marked internal in CEL-Java 0.14; if a release changes it, this class and
 * {@link ListValue} are the only places to adapt, and falling back to plain maps costs speed only.
 */
public abstract class MapValue extends CelValue implements Map<String, Object> {

  private static final CelType TYPE = MapType.create(SimpleType.STRING, SimpleType.DYN);

  /** The entries, in order; members converted as they are reached. */
  protected abstract Set<Entry<String, Object>> entries();

  private Map<String, Object> asMap() {
    return new AbstractMap<>() {
      @Override
      public Set<Entry<String, Object>> entrySet() {
        return entries();
      }

      @Override
      public Object get(Object key) {
        return MapValue.this.get(key);
      }

      @Override
      public boolean containsKey(Object key) {
        return MapValue.this.containsKey(key);
      }

      @Override
      public int size() {
        return MapValue.this.size();
      }
    };
  }

  @Override
  public Object value() {
    return this;
  }

  @Override
  public boolean isZeroValue() {
    return isEmpty();
  }

  @Override
  public CelType celType() {
    return TYPE;
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public boolean containsValue(Object value) {
    return asMap().containsValue(value);
  }

  @Override
  public Object put(String key, Object value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Object remove(Object key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void putAll(Map<? extends String, ?> m) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void clear() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Set<String> keySet() {
    return asMap().keySet();
  }

  @Override
  public Collection<Object> values() {
    return asMap().values();
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return entries();
  }

  @Override
  public boolean equals(Object o) {
    return o == this || asMap().equals(o);
  }

  @Override
  public int hashCode() {
    return asMap().hashCode();
  }

  @Override
  public String toString() {
    return asMap().toString();
  }
}
