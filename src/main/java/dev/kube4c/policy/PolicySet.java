package dev.kube4c.policy;

import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.RequestAttributes;
import dev.kube4c.source.InputProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiled policies with their bindings and the parameter objects given beside them: what every
 * policy rule of a scan shares. Immutable and thread-safe.
 */
public final class PolicySet {

  /** A compiled policy and the bindings that apply it. */
  record Bound(CompiledPolicy policy, List<Binding> bindings) {}

  private final Map<String, Bound> policies;
  private final List<Bound> all;
  private final List<Resource> params;
  private final PolicyEvaluator evaluator;
  private final Map<String, Map<String, int[]>> candidates =
      new java.util.concurrent.ConcurrentHashMap<>();

  private PolicySet(Map<String, Bound> policies, List<Resource> params, PolicyEvaluator evaluator) {
    this.policies = policies;
    this.all = List.copyOf(policies.values());
    this.params = List.copyOf(params);
    this.evaluator = evaluator;
  }

  /**
   * Reads, checks and compiles the policies and bindings among {@code objects}; the other objects
   * serve as parameters. Each problem names the object's file and line (and the expression's
   * column); a bad policy is left out and the others kept.
   */
  public static PolicySet of(List<Resource> objects, List<InputProblem> problems) {
    return of(objects, problems, new PolicyEvaluator());
  }

  static PolicySet of(
      List<Resource> objects, List<InputProblem> problems, PolicyEvaluator evaluator) {
    PolicyLoader.Loaded loaded = PolicyLoader.load(objects, problems);
    Map<String, Bound> compiled = new LinkedHashMap<>();
    CompiledPolicy.Expressions expressions = new CompiledPolicy.Expressions();
    for (Policy policy : loaded.policies()) {
      CompiledPolicy c = CompiledPolicy.compile(policy, problems, expressions);
      if (c == null) {
        continue;
      }
      List<Binding> bindings =
          loaded.bindings().stream().filter(b -> b.policyName().equals(policy.name())).toList();
      if (bindings.isEmpty()) {
        if (policy.paramKind() != null) {
          problems.add(
              PolicyLoader.problem(
                  policy.resource(),
                  "ValidatingAdmissionPolicy "
                      + policy.name()
                      + " has spec.paramKind but no ValidatingAdmissionPolicyBinding gives its"
                      + " paramRef; it is not applied"));
          continue;
        }
        bindings = List.of(Binding.implicit(policy.name()));
      }
      compiled.put(policy.name(), new Bound(c, bindings));
    }
    List<Resource> params = new ArrayList<>();
    objects.stream().filter(o -> !PolicyLoader.isPolicyObject(o)).forEach(params::add);
    return new PolicySet(compiled, params, evaluator);
  }

  public boolean isEmpty() {
    return policies.isEmpty();
  }

  public List<String> policyNames() {
    return List.copyOf(policies.keySet());
  }

  Bound bound(String name) {
    return policies.get(name);
  }

  /** The policies in a fixed order: a policy's place is its index in a {@link PolicyBatch}. */
  List<Bound> all() {
    return all;
  }

  /** Every binding's outcome for one object, in binding order. */
  List<PolicyEvaluator.Outcome> evaluate(
      Bound bound, Resource object, Inventory inventory, RequestAttributes request) {
    return evaluate(bound, object, inventory, request, new PolicyEvaluator.SharedVariables());
  }

  /**
   * @param shared the object's variables already computed by other policies
   */
  List<PolicyEvaluator.Outcome> evaluate(
      Bound bound,
      Resource object,
      Inventory inventory,
      RequestAttributes request,
      PolicyEvaluator.SharedVariables shared) {
    List<PolicyEvaluator.Outcome> outcomes = new ArrayList<>(bound.bindings().size());
    for (Binding binding : bound.bindings()) {
      outcomes.add(
          evaluator.evaluate(bound.policy(), binding, object, inventory, params, request, shared));
    }
    return outcomes;
  }

  /**
   * Whether the policy's resource rules can match objects of this apiVersion and kind at all; a
   * cheap test before any label or CEL work.
   */
  /**
   * The indexes in {@link #all} of the policies that may match objects of the kind and apiVersion,
   * worked out once per pair for the whole scan (a scan held a namespace at a time asks once per
   * namespace).
   */
  int[] candidates(String apiVersion, String kind) {
    return candidates
        .computeIfAbsent(kind, k -> new java.util.concurrent.ConcurrentHashMap<>())
        .computeIfAbsent(
            apiVersion,
            v -> {
              List<Integer> matching = new java.util.ArrayList<>();
              for (int p = 0; p < all.size(); p++) {
                if (mayMatch(all.get(p), v, kind)) {
                  matching.add(p);
                }
              }
              return matching.stream().mapToInt(Integer::intValue).toArray();
            });
  }

  static boolean mayMatch(Bound bound, String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    return bound.policy().policy().match().mayMatch(group, version, Request.plural(kind));
  }
}
