package dev.kube4c.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Labels;
import dev.kube4c.inventory.Resource;
import dev.kube4c.policy.cel.CelEnvironment;
import dev.kube4c.policy.cel.JsonValues;
import dev.kube4c.policy.cel.KubeAuthorizer;
import dev.kube4c.policy.cel.MapValue;
import dev.kube4c.rbac.RbacModel;
import dev.kube4c.rules.RequestAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Evaluates one compiled policy under one binding against one object, in the order the API server
 * does: match constraints and the binding's resources, parameters, match conditions, then each
 * validation (with its message), with the policy's lazily evaluated variables.
 */
final class PolicyEvaluator {

  private final long perExpression;
  private final long total;

  PolicyEvaluator(long perExpression, long total) {
    this.perExpression = perExpression;
    this.total = total;
  }

  PolicyEvaluator() {
    this(CostBudget.PER_EXPRESSION, CostBudget.TOTAL);
  }

  /** What one policy said of one object: whether it applied, and each validation's verdict. */
  record Outcome(boolean matched, List<Verdict> verdicts, Map<String, String> auditAnnotations) {
    static final Outcome NOT_MATCHED = new Outcome(false, List.of(), Map.of());
  }

  /**
   * @param params where parameter objects are looked up, besides the scanned ones
   * @param attributes the admission request, or null in scans (the object is then created)
   * @param shared this object's variables computed by other policies, to reuse and add to
   */
  Outcome evaluate(
      CompiledPolicy compiled,
      Binding binding,
      Resource object,
      Inventory inventory,
      List<Resource> params,
      RequestAttributes attributes,
      SharedVariables shared) {
    Policy policy = compiled.policy();
    Request request = shared.request(object, attributes);
    boolean deleting = "DELETE".equals(request.operation());
    JsonNode oldTree = attributes == null ? null : attributes.oldObject();
    JsonNode labelSource = deleting && oldTree != null ? oldTree : object.object();
    boolean selectsNamespaces =
        policy.match().namespaceSelector() != null
            || (binding.match() != null && binding.match().namespaceSelector() != null);
    boolean selectsObjects =
        policy.match().objectSelector() != null
            || (binding.match() != null && binding.match().objectSelector() != null);
    Map<String, String> labels =
        selectsObjects ? Labels.of(labelSource.path("metadata").path("labels")) : Map.of();
    Resource namespace =
        selectsNamespaces || compiled.reads("namespaceObject")
            ? namespaceOf(request, inventory)
            : null;
    Map<String, String> namespaceLabels =
        selectsNamespaces ? namespaceLabels(request, object, namespace) : null;
    if (!policy.match().matches(request, namespaceLabels, labels)
        || (binding.match() != null
            && !binding.match().matches(request, namespaceLabels, labels))) {
      return Outcome.NOT_MATCHED;
    }
    List<Object> paramValues = new ArrayList<>();
    List<Resource> paramObjects = new ArrayList<>();
    if (policy.paramKind() != null) {
      List<Resource> found =
          ParamLookup.find(policy.paramKind(), binding.paramRef(), request, inventory, params);
      if (found.isEmpty()) {
        if (binding.paramRef().allowsMissing()) {
          return new Outcome(true, List.of(), Map.of());
        }
        return new Outcome(
            true,
            List.of(
                failure(
                    policy,
                    binding,
                    -1,
                    "no params found for policy binding with `Deny` parameterNotFoundAction ("
                        + ParamLookup.describe(policy.paramKind(), binding.paramRef(), request)
                        + ")",
                    "Invalid")),
            Map.of());
      }
      found.forEach(p -> paramValues.add(JsonValues.of(p.object())));
      paramObjects.addAll(found);
    } else {
      paramValues.add(NullValue.NULL_VALUE);
      paramObjects.add(null);
    }
    Activation base = new Activation();
    base.object = deleting ? NullValue.NULL_VALUE : shared.object(object);
    base.oldObject = oldTree == null ? NullValue.NULL_VALUE : JsonValues.of(oldTree);
    base.request = compiled.reads("request") ? request.toCel() : NullValue.NULL_VALUE;
    base.namespaceObject =
        namespace == null ? NullValue.NULL_VALUE : JsonValues.of(namespace.object());
    if (compiled.reads(CelEnvironment.AUTHORIZER)) {
      KubeAuthorizer authorizer = authorizer(inventory, attributes);
      base.authorizer = authorizer;
      base.requestResource =
          authorizer.requestResource(
              request.group(),
              request.resource(),
              request.subResource(),
              request.namespace(),
              request.name());
    }
    List<Verdict> verdicts = new ArrayList<>();
    Map<String, String> audit = new LinkedHashMap<>();
    boolean applied = false;
    ParamVariables byParams = shared.byParams(inventory);
    for (int p = 0; p < paramValues.size(); p++) {
      CostBudget budget = new CostBudget(perExpression, total);
      Activation activation = base.with(paramValues.get(p));
      activation.variables =
          new LazyVariables(
              compiled,
              activation,
              budget,
              deleting ? null : shared,
              byParams.of(paramObjects.get(p)));
      applied |= evaluateFor(compiled, binding, activation, budget, verdicts, audit);
    }
    // Match conditions that exclude the request (for every parameter) mean the policy does not
    // apply.
    return applied || !verdicts.isEmpty()
        ? new Outcome(true, List.copyOf(verdicts), Map.copyOf(audit))
        : Outcome.NOT_MATCHED;
  }

  /**
   * The variables an expression sees, as fields: a resolver rather than a map, because CEL-Java
   * copies a map activation into a new ImmutableMap on every evaluation, and fields rather than a
   * HashMap, because the look-ups showed in profiles.
   */
  private static final class Activation implements CelVariableResolver {
    Object object;
    Object oldObject;
    Object request;
    Object namespaceObject;
    Object params = NullValue.NULL_VALUE;
    Object variables;
    Object authorizer;
    Object requestResource;

    /** A copy for one parameter object. */
    Activation with(Object param) {
      Activation copy = new Activation();
      copy.object = object;
      copy.oldObject = oldObject;
      copy.request = request;
      copy.namespaceObject = namespaceObject;
      copy.params = param;
      copy.authorizer = authorizer;
      copy.requestResource = requestResource;
      return copy;
    }

    @Override
    public Optional<Object> find(String name) {
      Object value =
          switch (name) {
            case "object" -> object;
            case "oldObject" -> oldObject;
            case "request" -> request;
            case "namespaceObject" -> namespaceObject;
            case "params" -> params;
            case "variables" -> variables;
            case CelEnvironment.AUTHORIZER -> authorizer;
            case CelEnvironment.AUTHORIZER + ".requestResource" -> requestResource;
            default -> null;
          };
      return Optional.ofNullable(value);
    }
  }

  /** One parameter object's evaluation; false when the match conditions exclude the request. */
  private boolean evaluateFor(
      CompiledPolicy compiled,
      Binding binding,
      CelVariableResolver activation,
      CostBudget budget,
      List<Verdict> verdicts,
      Map<String, String> audit) {
    Policy policy = compiled.policy();
    for (CompiledPolicy.Program condition : compiled.conditions()) {
      Object result;
      try {
        result = condition.program().trace(activation, budget.startExpression());
      } catch (CelEvaluationException | RuntimeException e) {
        if (!policy.ignoresFailures()) {
          verdicts.add(
              failure(
                  policy,
                  binding,
                  -1,
                  "failed to evaluate match condition '"
                      + condition.source().name()
                      + "': "
                      + reason(e),
                  "Invalid"));
        }
        return false;
      }
      if (!Boolean.TRUE.equals(result)) {
        return false;
      }
    }
    for (CompiledPolicy.CompiledValidation v : compiled.validations()) {
      Policy.Validation validation = v.validation();
      Object result;
      try {
        result = v.check().program().trace(activation, budget.startExpression());
      } catch (CelEvaluationException | RuntimeException e) {
        if (!policy.ignoresFailures()) {
          verdicts.add(
              failure(
                  policy,
                  binding,
                  validation.index(),
                  "expression '"
                      + validation.expression().text().strip()
                      + "' resulted in error: "
                      + reason(e),
                  validation.reason()));
        }
        continue;
      }
      if (Boolean.TRUE.equals(result)) {
        verdicts.add(
            new Verdict(policy.name(), binding.name(), validation.index(), true, null, null));
      } else {
        verdicts.add(
            failure(
                policy,
                binding,
                validation.index(),
                message(v, activation, budget),
                validation.reason()));
      }
    }
    for (CompiledPolicy.Program annotation : compiled.auditAnnotations()) {
      try {
        Object value = annotation.program().trace(activation, budget.startExpression());
        if (value instanceof String text) {
          audit.put(policy.name() + "/" + annotation.source().name(), text);
        }
      } catch (CelEvaluationException | RuntimeException e) {
        // An audit annotation never changes the verdict; the API server only logs the error.
      }
    }
    return true;
  }

  /** messageExpression when it gives a non-empty string, else message, else the expression. */
  private static String message(
      CompiledPolicy.CompiledValidation v, CelVariableResolver activation, CostBudget budget) {
    if (v.message() != null) {
      try {
        Object text = v.message().program().trace(activation, budget.startExpression());
        if (text instanceof String s && !s.isBlank()) {
          return s.strip();
        }
      } catch (CelEvaluationException | RuntimeException e) {
        // falls back to the static message, as the API server does
      }
    }
    if (v.validation().message() != null && !v.validation().message().isBlank()) {
      return v.validation().message();
    }
    return "failed expression: " + v.validation().expression().text().strip();
  }

  private static Verdict failure(
      Policy policy, Binding binding, int index, String message, String reason) {
    return new Verdict(policy.name(), binding.name(), index, false, message, reason);
  }

  /** The error's own words, without CEL-Java's "evaluation error at <input>:N:" prefix. */
  static String reason(Exception e) {
    Throwable cause = e.getCause();
    if (cause instanceof CostBudget.Exceeded || cause instanceof LazyVariables.Failed) {
      return cause.getMessage();
    }
    if (e instanceof CostBudget.Exceeded || e instanceof LazyVariables.Failed) {
      return e.getMessage();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message
        .replaceFirst("^evaluation error at <input>:\\d+: ", "")
        .replaceFirst("^evaluation error: ", "");
  }

  /** The request's user at admission; in a scan, no user (only service accounts are answered). */
  private static KubeAuthorizer authorizer(Inventory inventory, RequestAttributes attributes) {
    RbacModel rbac = RbacModel.of(inventory.clusterWide());
    return attributes == null || attributes.userName() == null
        ? KubeAuthorizer.withoutUser(rbac)
        : KubeAuthorizer.forUser(rbac, attributes.userName(), attributes.userGroups());
  }

  private static Resource namespaceOf(Request request, Inventory inventory) {
    if (request.namespace() == null) {
      return null;
    }
    return inventory.clusterWide().find("Namespace", null, request.namespace()).orElse(null);
  }

  /**
   * Labels the namespaceSelector is matched against: those of the object's Namespace (when it was
   * not scanned, the label Kubernetes sets on every namespace), of the object itself when it is a
   * Namespace, and null for other cluster-scoped objects, which the selector does not exclude.
   */
  private static Map<String, String> namespaceLabels(
      Request request, Resource object, Resource namespace) {
    if (object.kind().equals("Namespace")) {
      return object.labels();
    }
    if (request.namespace() == null) {
      return null;
    }
    if (namespace != null) {
      Map<String, String> labels = new HashMap<>(namespace.labels());
      labels.putIfAbsent("kubernetes.io/metadata.name", request.namespace());
      return labels;
    }
    return Map.of("kubernetes.io/metadata.name", request.namespace());
  }

  /**
   * Values of variables that depend on the object alone (see {@link CompiledPolicy#shareKey}) for
   * one object, by definition, across the policies evaluated on it; used by one thread. A failing
   * variable is not kept: each policy that reads it fails with it.
   */
  static final class SharedVariables {
    private final Map<String, Spent> values = new HashMap<>();
    private Request request;
    private Object object;
    private ParamVariables byParams;

    /** The object's context, with the inventory's values of params-only variables when known. */
    SharedVariables(ParamVariables byParams) {
      this.byParams = byParams;
    }

    SharedVariables() {
      this(null);
    }

    ParamVariables byParams(Inventory inventory) {
      if (byParams == null) {
        byParams = ParamVariables.of(inventory);
      }
      return byParams;
    }

    /** The object's request, the same for every policy (its resource name is worked out once). */
    Request request(Resource of, RequestAttributes attributes) {
      if (request == null) {
        request = Request.of(of, attributes);
      }
      return request;
    }

    /** The object as a CEL value, the same for every policy. */
    Object object(Resource of) {
      if (object == null) {
        object = JsonValues.of(of.object());
      }
      return object;
    }

    Spent get(String definition, Supplier<Spent> compute) {
      Spent value = values.get(definition);
      if (value == null) {
        value = compute.get();
        values.put(definition, value);
      }
      return value;
    }
  }

  /** A variable's value and the steps it took, charged again to each evaluation that reuses it. */
  record Spent(Object value, long steps) {}

  /**
   * Values of variables that read only their parameter object (see {@link CompiledPolicy#paramKey})
   * for the objects of one inventory, by definition and parameter object: the same for every object
   * judged with that parameter. Shared by the scan's threads.
   */
  static final class ParamVariables {
    /** By definition (interned) and parameter object, by identity. */
    private final Map<IdentityKey, Spent> values = new java.util.concurrent.ConcurrentHashMap<>();

    static ParamVariables of(Inventory inventory) {
      return inventory.derived(ParamVariables.class, i -> new ParamVariables());
    }

    /** The values for one parameter object (null: the policy has no paramKind). */
    ForParam of(Resource param) {
      return new ForParam(this, param);
    }

    record ForParam(ParamVariables all, Resource param) {
      Spent get(String definition, Supplier<Spent> compute) {
        IdentityKey key = new IdentityKey(definition, param);
        Spent value = all.values.get(key);
        if (value == null) {
          // Not computeIfAbsent: the expression may read another shared variable of the map.
          value = compute.get();
          Spent raced = all.values.putIfAbsent(key, value);
          value = raced == null ? value : raced;
        }
        return value;
      }
    }
  }

  /**
   * The policy's variables, each evaluated when an expression first reads it and then kept, as in
   * Kubernetes: an unused variable that would fail costs nothing.
   */
  static final class LazyVariables extends MapValue {

    /** A variable whose expression failed; the expression that read it fails with this. */
    static final class Failed extends RuntimeException {
      private static final long serialVersionUID = 1;

      Failed(String message) {
        super(message, null, false, false);
      }
    }

    private final Map<String, CompiledPolicy.Program> programs;
    private final Map<String, Object> values = new HashMap<>(4);
    private final CompiledPolicy policy;
    private final CelVariableResolver activation;
    private final CostBudget budget;
    private final SharedVariables shared;
    private final ParamVariables.ForParam byParam;

    /**
     * @param shared values of variables computed from the object alone, across policies; null when
     *     they may not be shared (DELETE, where {@code object} is null)
     * @param byParam values of variables computed from the parameter object alone, across objects
     */
    LazyVariables(
        CompiledPolicy policy,
        CelVariableResolver activation,
        CostBudget budget,
        SharedVariables shared,
        ParamVariables.ForParam byParam) {
      this.programs = policy.variablesByName();
      this.policy = policy;
      this.activation = activation;
      this.budget = budget;
      this.shared = shared;
      this.byParam = byParam;
    }

    @Override
    public boolean containsKey(Object key) {
      return programs.containsKey(key);
    }

    @Override
    public int size() {
      return programs.size();
    }

    @Override
    public Object get(Object key) {
      CompiledPolicy.Program program = programs.get(key);
      if (program == null) {
        return null;
      }
      Object value = values.get(key);
      if (value == null) {
        String name = (String) key;
        String objectKey = shared == null ? null : policy.shareKey(name);
        String paramKey = objectKey == null ? policy.paramKey(name) : null;
        value =
            reuse(
                objectKey != null
                    ? shared.get(objectKey, () -> evaluate(program, name))
                    : paramKey != null
                        ? byParam.get(paramKey, () -> evaluate(program, name))
                        : evaluate(program, name));
        values.put(name, value);
      }
      return value;
    }

    /** A shared value; its steps count in this evaluation's budget, as if it were computed here. */
    private Object reuse(Spent spent) {
      budget.charge(spent.steps());
      return spent.value();
    }

    private Spent evaluate(CompiledPolicy.Program program, String name) {
      long before = budget.spent();
      try {
        Object value = JsonValues.settled(program.program().trace(activation, budget));
        Spent spent = new Spent(value, budget.spent() - before);
        budget.charge(-spent.steps()); // reuse() charges them, for the first reader too
        return spent;
      } catch (CelEvaluationException | RuntimeException e) {
        throw new Failed("variables." + name + ": " + reason(e));
      }
    }

    @Override
    protected Set<Entry<String, Object>> entries() {
      Map<String, Object> all = new LinkedHashMap<>();
      programs.keySet().forEach(k -> all.put(k, get(k)));
      return all.entrySet();
    }
  }
}
