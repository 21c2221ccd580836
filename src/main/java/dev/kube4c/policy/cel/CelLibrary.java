package dev.kube4c.policy.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;

/**
 * One Kubernetes CEL library as CEL-Java wants it: the declarations the type checker sees and the
 * Java functions the runtime calls, by overload id.
 */
public record CelLibrary(List<CelFunctionDecl> declarations, List<CelFunctionBinding> bindings) {

  public CelLibrary {
    declarations = List.copyOf(declarations);
    bindings = List.copyOf(bindings);
  }

  /**
   * The libraries that Kubernetes adds to CEL for admission policies, as far as kube4c has them.
   */
  public static List<CelLibrary> kubernetes() {
    return List.of(
        ListFunctions.library(),
        RegexFunctions.library(),
        QuantityFunctions.library(),
        NetFunctions.library(),
        UrlFunctions.library(),
        SemverFunctions.library(),
        FormatFunctions.library(),
        StringFormat.library(),
        AuthorizerFunctions.library());
  }

  /** Collects declarations and bindings while a library is described. */
  static final class Builder {
    private final List<CelFunctionDecl> declarations = new ArrayList<>();
    private final List<CelFunctionBinding> bindings = new ArrayList<>();

    Builder declare(CelFunctionDecl declaration) {
      declarations.add(declaration);
      return this;
    }

    Builder bind(CelFunctionBinding binding) {
      bindings.add(binding);
      return this;
    }

    CelLibrary build() {
      return new CelLibrary(declarations, bindings);
    }
  }
}
