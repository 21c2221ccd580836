package dev.kube4c.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.math.BigDecimal;

/**
 * Kubernetes' quantity library: {@code quantity(s)}, {@code isQuantity(s)} and on a quantity {@code
 * sign()}, {@code isInteger()}, {@code asInteger()}, {@code asApproximateFloat()}, {@code
 * add}/{@code sub} (a quantity or an int), {@code isGreaterThan}, {@code isLessThan} and {@code
 * compareTo}.
 */
final class QuantityFunctions {

  private QuantityFunctions() {}

  static final CelType QUANTITY = OpaqueType.create("kubernetes.Quantity");

  static CelLibrary library() {
    CelLibrary.Builder b = new CelLibrary.Builder();
    b.declare(
        newFunctionDeclaration(
            "quantity", newGlobalOverload("kube4c_quantity", QUANTITY, SimpleType.STRING)));
    b.bind(CelFunctionBinding.from("kube4c_quantity", String.class, QuantityFunctions::quantity));
    b.declare(
        newFunctionDeclaration(
            "isQuantity",
            newGlobalOverload("kube4c_is_quantity", SimpleType.BOOL, SimpleType.STRING)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_is_quantity", String.class, s -> KubeQuantity.parse(s).isPresent()));
    member(b, "sign", "kube4c_quantity_sign", SimpleType.INT);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_quantity_sign", KubeQuantity.class, q -> (long) q.value().signum()));
    member(b, "isInteger", "kube4c_quantity_is_integer", SimpleType.BOOL);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_quantity_is_integer", KubeQuantity.class, KubeQuantity::isInteger));
    member(b, "asInteger", "kube4c_quantity_as_integer", SimpleType.INT);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_quantity_as_integer", KubeQuantity.class, QuantityFunctions::asInteger));
    member(b, "asApproximateFloat", "kube4c_quantity_as_float", SimpleType.DOUBLE);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_quantity_as_float", KubeQuantity.class, q -> q.value().doubleValue()));
    b.declare(
        newFunctionDeclaration(
            "add",
            newMemberOverload("kube4c_quantity_add", QUANTITY, QUANTITY, QUANTITY),
            newMemberOverload("kube4c_quantity_add_int", QUANTITY, QUANTITY, SimpleType.INT)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_quantity_add",
            KubeQuantity.class,
            KubeQuantity.class,
            (a, c) -> new KubeQuantity(a.value().add(c.value()))));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_quantity_add_int",
            KubeQuantity.class,
            Long.class,
            (a, c) -> new KubeQuantity(a.value().add(BigDecimal.valueOf(c)))));
    b.declare(
        newFunctionDeclaration(
            "sub",
            newMemberOverload("kube4c_quantity_sub", QUANTITY, QUANTITY, QUANTITY),
            newMemberOverload("kube4c_quantity_sub_int", QUANTITY, QUANTITY, SimpleType.INT)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_quantity_sub",
            KubeQuantity.class,
            KubeQuantity.class,
            (a, c) -> new KubeQuantity(a.value().subtract(c.value()))));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_quantity_sub_int",
            KubeQuantity.class,
            Long.class,
            (a, c) -> new KubeQuantity(a.value().subtract(BigDecimal.valueOf(c)))));
    comparison(b, "isGreaterThan", "kube4c_quantity_is_greater_than", SimpleType.BOOL);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_quantity_is_greater_than",
            KubeQuantity.class,
            KubeQuantity.class,
            (a, c) -> a.compareTo(c) > 0));
    comparison(b, "isLessThan", "kube4c_quantity_is_less_than", SimpleType.BOOL);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_quantity_is_less_than",
            KubeQuantity.class,
            KubeQuantity.class,
            (a, c) -> a.compareTo(c) < 0));
    comparison(b, "compareTo", "kube4c_quantity_compare_to", SimpleType.INT);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_quantity_compare_to",
            KubeQuantity.class,
            KubeQuantity.class,
            (a, c) -> (long) Integer.signum(a.compareTo(c))));
    return b.build();
  }

  private static void member(CelLibrary.Builder b, String name, String id, CelType result) {
    b.declare(newFunctionDeclaration(name, newMemberOverload(id, result, QUANTITY)));
  }

  private static void comparison(CelLibrary.Builder b, String name, String id, CelType result) {
    b.declare(newFunctionDeclaration(name, newMemberOverload(id, result, QUANTITY, QUANTITY)));
  }

  static KubeQuantity quantity(String text) throws CelEvaluationException {
    return KubeQuantity.parse(text)
        .orElseThrow(() -> new CelEvaluationException("invalid quantity '" + text + "'"));
  }

  static long asInteger(KubeQuantity q) throws CelEvaluationException {
    if (!q.isInteger()) {
      throw new CelEvaluationException("quantity " + q + " is not an integer (use isInteger())");
    }
    return q.asLong()
        .orElseThrow(() -> new CelEvaluationException("quantity " + q + " overflows an int"));
  }
}
