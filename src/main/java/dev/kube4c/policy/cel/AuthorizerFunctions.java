package dev.kube4c.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelFunctionOverload;
import java.util.List;

/**
 * Kubernetes' authorizer library: {@code authorizer.path(p)}, {@code authorizer.group(g)
 * .resource(r)} with {@code subresource}, {@code namespace} and {@code name}, {@code
 * authorizer.serviceAccount(ns, name)}, {@code authorizer.requestResource}, {@code check(verb)},
 * and on a decision {@code allowed()}, {@code reason()}, {@code errored()} and {@code error()}.
 * {@link KubeAuthorizer} answers the checks.
 */
final class AuthorizerFunctions {

  private AuthorizerFunctions() {}

  static final CelType AUTHORIZER = OpaqueType.create("kubernetes.authorization.Authorizer");
  static final CelType PATH_CHECK = OpaqueType.create("kubernetes.authorization.PathCheck");
  static final CelType GROUP_CHECK = OpaqueType.create("kubernetes.authorization.GroupCheck");
  static final CelType RESOURCE_CHECK = OpaqueType.create("kubernetes.authorization.ResourceCheck");
  static final CelType DECISION = OpaqueType.create("kubernetes.authorization.Decision");

  static CelLibrary library() {
    CelLibrary.Builder b = new CelLibrary.Builder();
    stringMember(
        b,
        "path",
        "kube4c_authz_path",
        PATH_CHECK,
        AUTHORIZER,
        KubeAuthorizer.class,
        KubeAuthorizer.PathCheck::new);
    stringMember(
        b,
        "group",
        "kube4c_authz_group",
        GROUP_CHECK,
        AUTHORIZER,
        KubeAuthorizer.class,
        KubeAuthorizer.GroupCheck::new);
    b.declare(
        newFunctionDeclaration(
            "serviceAccount",
            newMemberOverload(
                "kube4c_authz_service_account",
                AUTHORIZER,
                AUTHORIZER,
                SimpleType.STRING,
                SimpleType.STRING)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_authz_service_account",
            List.of(KubeAuthorizer.class, String.class, String.class),
            args -> ((KubeAuthorizer) args[0]).serviceAccount((String) args[1], (String) args[2])));
    stringMember(
        b,
        "resource",
        "kube4c_authz_resource",
        RESOURCE_CHECK,
        GROUP_CHECK,
        KubeAuthorizer.GroupCheck.class,
        KubeAuthorizer.GroupCheck::resource);
    stringMember(
        b,
        "subresource",
        "kube4c_authz_subresource",
        RESOURCE_CHECK,
        RESOURCE_CHECK,
        KubeAuthorizer.ResourceCheck.class,
        KubeAuthorizer.ResourceCheck::subresource);
    stringMember(
        b,
        "namespace",
        "kube4c_authz_namespace",
        RESOURCE_CHECK,
        RESOURCE_CHECK,
        KubeAuthorizer.ResourceCheck.class,
        KubeAuthorizer.ResourceCheck::namespace);
    stringMember(
        b,
        "name",
        "kube4c_authz_name",
        RESOURCE_CHECK,
        RESOURCE_CHECK,
        KubeAuthorizer.ResourceCheck.class,
        KubeAuthorizer.ResourceCheck::name);
    // check(verb) has one name and two overloads, so it is declared in one go.
    b.declare(
        newFunctionDeclaration(
            "check",
            newMemberOverload("kube4c_authz_path_check", DECISION, PATH_CHECK, SimpleType.STRING),
            newMemberOverload(
                "kube4c_authz_resource_check", DECISION, RESOURCE_CHECK, SimpleType.STRING)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_authz_path_check",
            KubeAuthorizer.PathCheck.class,
            String.class,
            KubeAuthorizer.PathCheck::check));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_authz_resource_check",
            KubeAuthorizer.ResourceCheck.class,
            String.class,
            KubeAuthorizer.ResourceCheck::check));
    decision(
        b, "allowed", "kube4c_authz_allowed", SimpleType.BOOL, KubeAuthorizer.Decision::allowed);
    decision(
        b, "reason", "kube4c_authz_reason", SimpleType.STRING, KubeAuthorizer.Decision::reason);
    decision(b, "errored", "kube4c_authz_errored", SimpleType.BOOL, d -> d.error() != null);
    decision(
        b,
        "error",
        "kube4c_authz_error",
        SimpleType.STRING,
        d -> d.error() == null ? "" : d.error());
    return b.build();
  }

  /** A member function {@code on.name(string)} and its binding. */
  private static <T> void stringMember(
      CelLibrary.Builder b,
      String name,
      String id,
      CelType result,
      CelType on,
      Class<T> type,
      CelFunctionOverload.Binary<T, String> function) {
    b.declare(newFunctionDeclaration(name, newMemberOverload(id, result, on, SimpleType.STRING)));
    b.bind(CelFunctionBinding.from(id, type, String.class, function));
  }

  /** A member function of a decision, without arguments, and its binding. */
  private static void decision(
      CelLibrary.Builder b,
      String name,
      String id,
      CelType result,
      CelFunctionOverload.Unary<KubeAuthorizer.Decision> function) {
    b.declare(newFunctionDeclaration(name, newMemberOverload(id, result, DECISION)));
    b.bind(CelFunctionBinding.from(id, KubeAuthorizer.Decision.class, function));
  }
}
