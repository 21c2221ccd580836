package dev.kube4c.policy.cel;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.CelValue;
import java.util.AbstractList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.RandomAccess;

/**
 * A read-only list computed on demand (a JSON array) that CEL's runtime takes as it is: being a
 * {@link CelValue}, it is not converted element by element at every use.
 */
public abstract class ListValue extends CelValue implements List<Object>, RandomAccess {

  private static final CelType TYPE = ListType.create(SimpleType.DYN);

  private List<Object> asList() {
    return new AbstractList<>() {
      @Override
      public Object get(int index) {
        return ListValue.this.get(index);
      }

      @Override
      public int size() {
        return ListValue.this.size();
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
  public boolean contains(Object o) {
    return asList().contains(o);
  }

  @Override
  public Iterator<Object> iterator() {
    return asList().iterator();
  }

  @Override
  public Object[] toArray() {
    return asList().toArray();
  }

  @Override
  public <T> T[] toArray(T[] a) {
    return asList().toArray(a);
  }

  @Override
  public boolean add(Object e) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean remove(Object o) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean containsAll(Collection<?> c) {
    return asList().containsAll(c);
  }

  @Override
  public boolean addAll(Collection<?> c) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean addAll(int index, Collection<?> c) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean removeAll(Collection<?> c) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean retainAll(Collection<?> c) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void clear() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Object set(int index, Object element) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void add(int index, Object element) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Object remove(int index) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int indexOf(Object o) {
    return asList().indexOf(o);
  }

  @Override
  public int lastIndexOf(Object o) {
    return asList().lastIndexOf(o);
  }

  @Override
  public ListIterator<Object> listIterator() {
    return asList().listIterator();
  }

  @Override
  public ListIterator<Object> listIterator(int index) {
    return asList().listIterator(index);
  }

  @Override
  public List<Object> subList(int fromIndex, int toIndex) {
    return asList().subList(fromIndex, toIndex);
  }

  @Override
  public boolean equals(Object o) {
    return o == this || asList().equals(o);
  }

  @Override
  public int hashCode() {
    return asList().hashCode();
  }

  @Override
  public String toString() {
    return asList().toString();
  }
}
