package dev.kube4c.policy.cel;

import dev.cel.bundle.Cel;
import java.util.HashMap;
import java.util.Map;

/** Evaluates one expression in kube4c's CEL environment, for tests. */
public final class CelEval {

  private static final Cel CEL = CelEnvironment.cel();

  private CelEval() {}

  /**
   * The expression's value with {@code bound} as its variables; the admission variables not bound
   * are null, and {@code variables} is empty.
   */
  public static Object eval(String expression, Map<String, Object> bound) throws Exception {
    Map<String, Object> vars = new HashMap<>();
    for (String name : CelEnvironment.VARIABLES) {
      vars.put(name, com.google.protobuf.NullValue.NULL_VALUE);
    }
    vars.put("variables", Map.of());
    vars.putAll(bound);
    return CEL.createProgram(CEL.compile(expression).getAst()).eval(vars);
  }
}
