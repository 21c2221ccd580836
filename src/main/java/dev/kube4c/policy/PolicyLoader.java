package dev.kube4c.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Resource;
import dev.kube4c.source.InputProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding objects into {@link Policy}
 * and {@link Binding}, checking what the API server would reject before compiling anything. Each
 * object with a problem is reported and left out; the others are kept.
 */
final class PolicyLoader {

  static final String POLICY_KIND = "ValidatingAdmissionPolicy";
  static final String BINDING_KIND = "ValidatingAdmissionPolicyBinding";
  static final String GROUP = "admissionregistration.k8s.io/";

  private PolicyLoader() {}

  record Loaded(List<Policy> policies, List<Binding> bindings) {}

  static boolean isPolicyObject(Resource r) {
    return (r.kind().equals(POLICY_KIND) || r.kind().equals(BINDING_KIND))
        && r.apiVersion().startsWith(GROUP);
  }

  static Loaded load(List<Resource> objects, List<InputProblem> problems) {
    Map<String, Policy> policies = new LinkedHashMap<>();
    List<Binding> bindings = new ArrayList<>();
    for (Resource object : objects) {
      if (!isPolicyObject(object)) {
        continue;
      }
      if (object.kind().equals(POLICY_KIND)) {
        Policy policy = policy(object, problems);
        if (policy != null) {
          Policy first = policies.putIfAbsent(policy.name(), policy);
          if (first != null) {
            problems.add(
                problem(
                    object,
                    "ValidatingAdmissionPolicy "
                        + policy.name()
                        + " is given twice (first at "
                        + first.resource().location()
                        + "); the first is used"));
          }
        }
      } else {
        Binding binding = binding(object, problems);
        if (binding != null) {
          bindings.add(binding);
        }
      }
    }
    List<Binding> kept = new ArrayList<>();
    for (Binding binding : bindings) {
      Policy policy = policies.get(binding.policyName());
      if (policy == null) {
        problems.add(
            problem(
                binding.resource(),
                "ValidatingAdmissionPolicyBinding "
                    + binding.name()
                    + ": spec.policyName '"
                    + binding.policyName()
                    + "' names no ValidatingAdmissionPolicy that was given"));
      } else if (policy.paramKind() != null && binding.paramRef() == null) {
        problems.add(
            problem(
                binding.resource(),
                "ValidatingAdmissionPolicyBinding "
                    + binding.name()
                    + ": spec.paramRef is required, because policy "
                    + policy.name()
                    + " has spec.paramKind"));
      } else if (policy.paramKind() == null && binding.paramRef() != null) {
        problems.add(
            problem(
                binding.resource(),
                "ValidatingAdmissionPolicyBinding "
                    + binding.name()
                    + ": spec.paramRef is given, but policy "
                    + policy.name()
                    + " has no spec.paramKind"));
      } else {
        kept.add(binding);
      }
    }
    return new Loaded(List.copyOf(policies.values()), kept);
  }

  private static Policy policy(Resource object, List<InputProblem> problems) {
    String name = object.name();
    JsonNode spec = object.spec();
    String where = "ValidatingAdmissionPolicy " + name + ": ";
    if (!spec.path("matchConstraints").isObject()
        || spec.path("matchConstraints").path("resourceRules").isEmpty()) {
      problems.add(problem(object, where + "spec.matchConstraints.resourceRules: Required value"));
      return null;
    }
    if (spec.path("validations").isEmpty() && spec.path("auditAnnotations").isEmpty()) {
      problems.add(
          problem(
              object,
              where
                  + "spec.validations: Required value: validations or auditAnnotations must"
                  + " contain at least one item"));
      return null;
    }
    String failurePolicy = spec.path("failurePolicy").asText("Fail");
    if (!failurePolicy.equals("Fail") && !failurePolicy.equals("Ignore")) {
      problems.add(
          problem(
              object,
              where
                  + "spec.failurePolicy: Unsupported value: \""
                  + failurePolicy
                  + "\" (Fail or Ignore)"));
      return null;
    }
    Policy.ParamKind paramKind = null;
    if (spec.path("paramKind").isObject()) {
      paramKind =
          new Policy.ParamKind(
              spec.path("paramKind").path("apiVersion").asText(),
              spec.path("paramKind").path("kind").asText());
      if (paramKind.kind().isEmpty()) {
        problems.add(problem(object, where + "spec.paramKind.kind: Required value"));
        return null;
      }
    }
    List<Policy.Expression> conditions =
        named(spec.path("matchConditions"), "matchConditions", "name", "expression");
    List<Policy.Expression> variables =
        named(spec.path("variables"), "variables", "name", "expression");
    List<Policy.Validation> validations = new ArrayList<>();
    int index = 0;
    for (JsonNode v : spec.path("validations")) {
      if (v.path("expression").asText("").isBlank()) {
        problems.add(
            problem(object, where + "spec.validations[" + index + "].expression: Required value"));
        return null;
      }
      validations.add(
          new Policy.Validation(
              index,
              new Policy.Expression(
                  "validations[" + index + "]",
                  v.path("expression").asText(),
                  List.of("spec", "validations", index, "expression")),
              v.hasNonNull("message") ? v.get("message").asText() : null,
              v.hasNonNull("messageExpression")
                  ? new Policy.Expression(
                      "validations[" + index + "].messageExpression",
                      v.get("messageExpression").asText(),
                      List.of("spec", "validations", index, "messageExpression"))
                  : null,
              v.path("reason").asText("Invalid")));
      index++;
    }
    List<Policy.Expression> audit =
        named(spec.path("auditAnnotations"), "auditAnnotations", "key", "valueExpression");
    return new Policy(
        name,
        object,
        paramKind,
        MatchResources.of(spec.path("matchConstraints")),
        conditions,
        variables,
        validations,
        audit,
        failurePolicy,
        object.annotations());
  }

  private static List<Policy.Expression> named(
      JsonNode array, String field, String nameField, String expressionField) {
    List<Policy.Expression> expressions = new ArrayList<>();
    int i = 0;
    for (JsonNode item : array) {
      expressions.add(
          new Policy.Expression(
              item.path(nameField).asText(),
              item.path(expressionField).asText(),
              List.of("spec", field, i, expressionField)));
      i++;
    }
    return expressions;
  }

  private static Binding binding(Resource object, List<InputProblem> problems) {
    JsonNode spec = object.spec();
    String where = "ValidatingAdmissionPolicyBinding " + object.name() + ": ";
    String policyName = spec.path("policyName").asText("");
    if (policyName.isEmpty()) {
      problems.add(problem(object, where + "spec.policyName: Required value"));
      return null;
    }
    List<String> actions = new ArrayList<>();
    spec.path("validationActions").forEach(a -> actions.add(a.asText()));
    if (actions.isEmpty()) {
      problems.add(problem(object, where + "spec.validationActions: Required value"));
      return null;
    }
    for (String action : actions) {
      if (!List.of("Deny", "Warn", "Audit").contains(action)) {
        problems.add(
            problem(
                object,
                where
                    + "spec.validationActions: Unsupported value: \""
                    + action
                    + "\" (Deny, Warn or Audit)"));
        return null;
      }
    }
    if (actions.contains("Deny") && actions.contains("Warn")) {
      problems.add(
          problem(
              object, where + "spec.validationActions: Deny and Warn may not be used together"));
      return null;
    }
    Binding.ParamRef paramRef = null;
    JsonNode ref = spec.path("paramRef");
    if (ref.isObject()) {
      boolean named = ref.hasNonNull("name");
      boolean selected = ref.hasNonNull("selector");
      if (named == selected) {
        problems.add(
            problem(object, where + "spec.paramRef: exactly one of name or selector is required"));
        return null;
      }
      String notFound = ref.path("parameterNotFoundAction").asText("");
      if (!notFound.equals("Deny") && !notFound.equals("Allow")) {
        problems.add(
            problem(
                object,
                where + "spec.paramRef.parameterNotFoundAction: Required value (Deny or Allow)"));
        return null;
      }
      paramRef =
          new Binding.ParamRef(
              named ? ref.get("name").asText() : null,
              ref.path("namespace").asText(""),
              ref.get("selector"),
              notFound);
    }
    return new Binding(
        object.name(),
        object,
        policyName,
        paramRef,
        spec.path("matchResources").isObject()
            ? MatchResources.of(spec.path("matchResources"))
            : null,
        actions);
  }

  static InputProblem problem(Resource object, String message) {
    return new InputProblem(object.location(), message);
  }
}
