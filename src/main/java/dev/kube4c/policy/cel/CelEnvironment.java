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

  // unwrapWellKnownTypesOnFunctionDispatch is deprecated as the non-conformant default; turned off,
  // a function's result is no longer looked up by type to unwrap protobuf wrappers (there are none
  // here): 12 % less time in a dispatch-heavy validation (bench/RESULTS.md).
  @SuppressWarnings("deprecation")
  private static Cel build() {
    CelOptions options =
        CelOptions.current()
            .enableOptionalSyntax(true)
            .enableHeterogeneousNumericComparisons(true)
            .unwrapWellKnownTypesOnFunctionDispatch(false)
            .build();
    var builder =
        CelFactory.standardCelBuilder()
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
    builder.addFunctionBindings(bindings);
    return builder.build();
  }
}
