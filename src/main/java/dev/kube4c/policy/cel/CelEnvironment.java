package dev.kube4c.policy.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  private static Cel build() {
    CelOptions options =
        CelOptions.current()
            .enableOptionalSyntax(true)
            .enableHeterogeneousNumericComparisons(true)
            .build();
    var builder =
        CelFactory.standardCelBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(
                CelExtensions.strings(),
                CelExtensions.lists(),
                CelExtensions.sets(options),
                CelExtensions.optional(),
                CelExtensions.math())
            .addRuntimeLibraries(
                CelExtensions.strings(),
                CelExtensions.lists(),
                CelExtensions.sets(options),
                CelExtensions.optional(),
                CelExtensions.math());
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
