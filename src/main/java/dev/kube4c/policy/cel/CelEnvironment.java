package dev.kube4c.policy.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CEL environment of a ValidatingAdmissionPolicy: the variables the API server provides, the
 * standard macros, the extensions Kubernetes enables (strings, lists, sets, optional values) and
 * the Kubernetes libraries. Built once and shared: a {@link Cel} is immutable and thread-safe.
 */
public final class CelEnvironment {

  /** Variables every expression may use; {@code variables} holds the policy's own. */
  public static final List<String> VARIABLES =
      List.of("object", "oldObject", "request", "params", "namespaceObject");

  /**
   * The authorizer variable (with {@code authorizer.requestResource}): a {@link KubeAuthorizer},
   * not a JSON value like the others.
   */
  public static final String AUTHORIZER = "authorizer";

  private static final class Holder {
    static final Cel CEL = build();
  }

  private CelEnvironment() {}

  public static Cel cel() {
    return Holder.CEL;
  }

  /**
   * The strings extension as Kubernetes 1.34 has it (its version 2): everything but {@code
   * reverse()}. Measured against a real kube-apiserver v1.34.4 (RealApiServerPolicyTest and its
   * probe in bench/RESULTS.md): it also has no lists extension ({@code slice}, {@code flatten},
   * {@code distinct}, {@code sort}, {@code lists.range}), no math, {@code cel.bind} or {@code
   * base64}, so those are left out and an expression using them is a compile error here too.
   */
  private static CelStringExtensions kubernetesStrings() {
    Set<CelStringExtensions.Function> functions =
        EnumSet.complementOf(EnumSet.of(CelStringExtensions.Function.REVERSE));
    return CelExtensions.strings(functions);
  }

  // The planner runtime resolves overloads and attributes once per program instead of on every
  // evaluation, and takes kube4c's read-only JSON views as they are (MapValue, ListValue): about
  // half the CPU of the legacy interpreter on the 20-policy benchmark (bench/RESULTS.md).
  private static Cel build() {
    CelOptions options =
        CelOptions.current()
            .enableOptionalSyntax(true)
            .enableHeterogeneousNumericComparisons(true)
            .build();
    var builder =
        CelFactory.plannerCelBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(
                kubernetesStrings(),
                CelExtensions.sets(options),
                CelExtensions.optional(),
                CelExtensions.comprehensions())
            .addRuntimeLibraries(
                kubernetesStrings(),
                CelExtensions.sets(options),
                CelExtensions.optional(),
                CelExtensions.comprehensions());
    for (String name : VARIABLES) {
      builder.addVar(name, SimpleType.DYN);
    }
    builder.addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN));
    builder.addVar(AUTHORIZER, AuthorizerFunctions.AUTHORIZER);
    builder.addVar(AUTHORIZER + ".requestResource", AuthorizerFunctions.RESOURCE_CHECK);
    List<CelFunctionBinding> bindings = new ArrayList<>();
    Map<String, List<CelOverloadDecl>> overloads = new LinkedHashMap<>();
    for (CelLibrary library : CelLibrary.kubernetes()) {
      bindings.addAll(library.bindings());
      for (CelFunctionDecl declaration : library.declarations()) {
        overloads
            .computeIfAbsent(declaration.name(), k -> new ArrayList<>())
            .addAll(declaration.overloads());
      }
    }
    // Several libraries add overloads to one name (isGreaterThan for quantities and versions).
    overloads.forEach(
        (name, list) ->
            builder.addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration(name, list)));
    builder.addFunctionBindings(dynamicallyDispatched(bindings, overloads));
    return builder.build();
  }

  /**
   * The planner picks an overload when the program is planned; where the checker left several
   * candidates (an argument of type dyn), it calls the binding named after the function, which
   * picks by the runtime types of the arguments. Those bindings exist only for functions bound as
   * groups.
   */
  private static List<CelFunctionBinding> dynamicallyDispatched(
      List<CelFunctionBinding> bindings, Map<String, List<CelOverloadDecl>> overloads) {
    Map<String, CelFunctionBinding> byOverloadId = new LinkedHashMap<>();
    bindings.forEach(binding -> byOverloadId.put(binding.getOverloadId(), binding));
    List<CelFunctionBinding> grouped = new ArrayList<>();
    overloads.forEach(
        (name, declared) -> {
          List<CelFunctionBinding> group = new ArrayList<>();
          for (CelOverloadDecl overload : declared) {
            CelFunctionBinding binding = byOverloadId.remove(overload.overloadId());
            if (binding != null) {
              group.add(binding);
            }
          }
          if (group.size() > 1) {
            grouped.addAll(CelFunctionBinding.fromOverloads(name, group));
          } else {
            grouped.addAll(group);
          }
        });
    grouped.addAll(byOverloadId.values());
    return grouped;
  }
}
