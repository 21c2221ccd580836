package dev.kube4c.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/**
 * Kubernetes' list library: {@code isSorted}, {@code sum}, {@code min}, {@code max}, {@code
 * indexOf} and {@code lastIndexOf} on lists. Elements compare as CEL orders them: numbers by value
 * (ints, uints and doubles with each other), strings lexically, false before true.
 */
final class ListFunctions {

  private ListFunctions() {}

  private static final CelType T = TypeParamType.create("T");
  private static final CelType LIST_T = ListType.create(T);

  static CelLibrary library() {
    CelLibrary.Builder b = new CelLibrary.Builder();
    b.declare(
        newFunctionDeclaration(
            "isSorted", newMemberOverload("kube4c_list_is_sorted", SimpleType.BOOL, LIST_T)));
    b.bind(CelFunctionBinding.from("kube4c_list_is_sorted", List.class, ListFunctions::isSorted));
    b.declare(
        newFunctionDeclaration(
            "sum",
            newMemberOverload(
                "kube4c_list_int_sum", SimpleType.INT, ListType.create(SimpleType.INT)),
            newMemberOverload(
                "kube4c_list_uint_sum", SimpleType.UINT, ListType.create(SimpleType.UINT)),
            newMemberOverload(
                "kube4c_list_double_sum", SimpleType.DOUBLE, ListType.create(SimpleType.DOUBLE))));
    b.bind(CelFunctionBinding.from("kube4c_list_int_sum", List.class, ListFunctions::sumInt));
    b.bind(CelFunctionBinding.from("kube4c_list_uint_sum", List.class, ListFunctions::sumUint));
    b.bind(CelFunctionBinding.from("kube4c_list_double_sum", List.class, ListFunctions::sumDouble));
    b.declare(newFunctionDeclaration("min", newMemberOverload("kube4c_list_min", T, LIST_T)));
    b.bind(CelFunctionBinding.from("kube4c_list_min", List.class, l -> extreme(l, -1, "min")));
    b.declare(newFunctionDeclaration("max", newMemberOverload("kube4c_list_max", T, LIST_T)));
    b.bind(CelFunctionBinding.from("kube4c_list_max", List.class, l -> extreme(l, 1, "max")));
    b.declare(
        newFunctionDeclaration(
            "indexOf", newMemberOverload("kube4c_list_index_of", SimpleType.INT, LIST_T, T)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_list_index_of", List.class, Object.class, ListFunctions::indexOf));
    b.declare(
        newFunctionDeclaration(
            "lastIndexOf",
            newMemberOverload("kube4c_list_last_index_of", SimpleType.INT, LIST_T, T)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_list_last_index_of", List.class, Object.class, ListFunctions::lastIndexOf));
    return b.build();
  }

  static boolean isSorted(List<?> list) throws CelEvaluationException {
    for (int i = 1; i < list.size(); i++) {
      if (compare(list.get(i - 1), list.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  static long sumInt(List<?> list) throws CelEvaluationException {
    long sum = 0;
    for (Object o : list) {
      try {
        sum = Math.addExact(sum, (Long) o);
      } catch (ArithmeticException e) {
        throw new CelEvaluationException("sum: integer overflow");
      }
    }
    return sum;
  }

  static UnsignedLong sumUint(List<?> list) {
    UnsignedLong sum = UnsignedLong.ZERO;
    for (Object o : list) {
      sum = sum.plus((UnsignedLong) o);
    }
    return sum;
  }

  static double sumDouble(List<?> list) {
    double sum = 0;
    for (Object o : list) {
      sum += ((Number) o).doubleValue();
    }
    return sum;
  }

  private static Object extreme(List<?> list, int sign, String name) throws CelEvaluationException {
    if (list.isEmpty()) {
      throw new CelEvaluationException(name + "() called on an empty list");
    }
    Object best = list.get(0);
    for (Object o : list) {
      if (compare(o, best) * sign > 0) {
        best = o;
      }
    }
    return best;
  }

  private static long indexOf(List<?> list, Object value) {
    for (int i = 0; i < list.size(); i++) {
      if (same(list.get(i), value)) {
        return i;
      }
    }
    return -1;
  }

  private static long lastIndexOf(List<?> list, Object value) {
    for (int i = list.size() - 1; i >= 0; i--) {
      if (same(list.get(i), value)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return a.equals(b);
  }

  /** CEL's ordering of comparable values; anything else cannot be ordered. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) throws CelEvaluationException {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (numeric(a) && numeric(b)) {
      return Double.compare(asDouble(a), asDouble(b));
    }
    if (a instanceof Comparable x && b != null && a.getClass() == b.getClass()) {
      return x.compareTo(b);
    }
    throw new CelEvaluationException(
        "cannot order " + typeName(a) + " and " + typeName(b) + " (no ordering for this type)");
  }

  private static boolean numeric(Object o) {
    return o instanceof Long || o instanceof Double || o instanceof UnsignedLong;
  }

  private static double asDouble(Object o) {
    return o instanceof UnsignedLong u ? u.doubleValue() : ((Number) o).doubleValue();
  }

  private static String typeName(Object o) {
    return o == null ? "null" : o.getClass().getSimpleName();
  }
}
