package dev.kube4c.policy;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;

/**
 * The runtime cost of one policy evaluation, as the API server bounds it: every evaluated
 * expression step costs one unit; one expression may spend {@code perExpression} and the whole
 * evaluation of a policy on one object {@code total}. Exceeding either stops the evaluation.
 */
final class CostBudget implements CelEvaluationListener {

  /** The API server's limit on one expression evaluation (its per-call limit). */
  static final long PER_EXPRESSION = 1_000_000;

  /** The API server's runtime budget for one policy on one request. */
  static final long TOTAL = 10_000_000;

  /** Thrown from inside CEL when the budget is spent. */
  static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1;

    Exceeded(String message) {
      super(message, null, false, false);
    }
  }

  private final long perExpression;
  private final long total;
  private long spent;
  private long expressionStart;

  CostBudget(long perExpression, long total) {
    this.perExpression = perExpression;
    this.total = total;
  }

  /** Starts counting a new expression against the per-expression limit. */
  CostBudget startExpression() {
    expressionStart = spent;
    return this;
  }

  /** Steps spent so far in this evaluation. */
  long spent() {
    return spent;
  }

  /** Counts steps spent once and reused (a shared variable's), as if they were taken again. */
  void charge(long steps) {
    spent += steps - 1;
    callback(null, null);
  }

  @Override
  public void callback(CelExpr expr, Object result) {
    spent++;
    if (spent - expressionStart > perExpression) {
      throw new Exceeded(
          "operation cancelled: actual cost limit exceeded (more than "
              + perExpression
              + " steps in one expression)");
    }
    if (spent > total) {
      throw new Exceeded(
          "operation cancelled: validation cost budget exceeded (more than "
              + total
              + " steps for one object)");
    }
  }
}
