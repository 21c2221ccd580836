package dev.kube4c.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Resource;
import java.util.List;

/**
 * A ValidatingAdmissionPolicyBinding: which policy, with which parameters, on which resources (in
 * addition to the policy's own constraints) and with which actions (Deny, Warn, Audit). A policy
 * given without any binding is applied as if bound once with Deny (see {@link #implicit}).
 *
 * @param resource the binding object, or null for the implicit binding
 * @param match the binding's own matchResources, or null
 */
public record Binding(
    String name,
    Resource resource,
    String policyName,
    ParamRef paramRef,
    MatchResources match,
    List<String> validationActions) {

  public Binding {
    validationActions = List.copyOf(validationActions);
  }

  static Binding implicit(String policyName) {
    return new Binding("(no binding)", null, policyName, null, null, List.of("Deny"));
  }

  public boolean denies() {
    return validationActions.contains("Deny");
  }

  public boolean warns() {
    return validationActions.contains("Warn");
  }

  /**
   * {@code spec.paramRef}: a named object or a label selector; in {@code namespace}, or, when that
   * is empty and the kind is namespaced, in the namespace of the object judged.
   *
   * @param parameterNotFoundAction Deny or Allow
   */
  public record ParamRef(
      String name, String namespace, JsonNode selector, String parameterNotFoundAction) {

    public boolean allowsMissing() {
      return "Allow".equals(parameterNotFoundAction);
    }
  }
}
