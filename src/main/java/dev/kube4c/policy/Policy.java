package dev.kube4c.policy;

import dev.kube4c.inventory.Resource;
import java.util.List;
import java.util.Map;

/**
 * A ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1) as read from its object, before its
 * expressions are compiled.
 *
 * @param paramKind the kind of the parameter objects, or null when the policy takes none
 * @param failurePolicy Fail (the default) or Ignore: what an expression error means
 */
public record Policy(
    String name,
    Resource resource,
    ParamKind paramKind,
    MatchResources match,
    List<Expression> matchConditions,
    List<Expression> variables,
    List<Validation> validations,
    List<Expression> auditAnnotations,
    String failurePolicy,
    Map<String, String> annotations) {

  public Policy {
    matchConditions = List.copyOf(matchConditions);
    variables = List.copyOf(variables);
    validations = List.copyOf(validations);
    auditAnnotations = List.copyOf(auditAnnotations);
    annotations = Map.copyOf(annotations);
  }

  public boolean ignoresFailures() {
    return "Ignore".equals(failurePolicy);
  }

  /** {@code spec.paramKind}: the apiVersion and kind of parameter objects. */
  public record ParamKind(String apiVersion, String kind) {}

  /**
   * One named CEL expression (a match condition, variable or audit annotation) and where it is
   * written in the policy object, for error messages.
   */
  public record Expression(String name, String text, List<Object> path) {
    public Expression {
      path = List.copyOf(path);
    }
  }

  /** {@code spec.validations[index]}. */
  public record Validation(
      int index,
      Expression expression,
      String message,
      Expression messageExpression,
      String reason) {}
}
