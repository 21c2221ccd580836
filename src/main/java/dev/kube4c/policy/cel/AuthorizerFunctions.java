package dev.kube4c.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
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
    member(b, "path", "kube4c_authz_path", PATH_CHECK, AUTHORIZER, SimpleType.STRING);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_authz_path",
            KubeAuthorizer.class,
            String.class,
            KubeAuthorizer.PathCheck::new));
    member(b, "group", "kube4c_authz_group", GROUP_CHECK, AUTHORIZER, SimpleType.STRING);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_authz_group",
            KubeAuthorizer.class,
            String.class,
            KubeAuthorizer.GroupCheck::new));
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
    member(b, "resource", "kube4c_authz_resource", RESOURCE_CHECK, GROUP_CHECK, SimpleType.STRING);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_authz_resource",
            KubeAuthorizer.GroupCheck.class,
            String.class,
            KubeAuthorizer.GroupCheck::resource));
    member(
        b,
        "subresource",
        "kube4c_authz_subresource",
        RESOURCE_CHECK,
        RESOURCE_CHECK,
        SimpleType.STRING);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_authz_subresource",
            KubeAuthorizer.ResourceCheck.class,
            String.class,
            KubeAuthorizer.ResourceCheck::subresource));
    member(
        b,
        "namespace",
        "kube4c_authz_namespace",
        RESOURCE_CHECK,
        RESOURCE_CHECK,
        SimpleType.STRING);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_authz_namespace",
            KubeAuthorizer.ResourceCheck.class,
            String.class,
            KubeAuthorizer.ResourceCheck::namespace));
    member(b, "name", "kube4c_authz_name", RESOURCE_CHECK, RESOURCE_CHECK, SimpleType.STRING);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_authz_name",
            KubeAuthorizer.ResourceCheck.class,
            String.class,
            KubeAuthorizer.ResourceCheck::name));
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
    decision(b, "allowed", "kube4c_authz_allowed", SimpleType.BOOL);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_authz_allowed",
            KubeAuthorizer.Decision.class,
            KubeAuthorizer.Decision::allowed));
    decision(b, "reason", "kube4c_authz_reason", SimpleType.STRING);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_authz_reason", KubeAuthorizer.Decision.class, KubeAuthorizer.Decision::reason));
    decision(b, "errored", "kube4c_authz_errored", SimpleType.BOOL);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_authz_errored", KubeAuthorizer.Decision.class, d -> d.error() != null));
    decision(b, "error", "kube4c_authz_error", SimpleType.STRING);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_authz_error",
            KubeAuthorizer.Decision.class,
            d -> d.error() == null ? "" : d.error()));
    return b.build();
  }

  private static void member(
      CelLibrary.Builder b, String name, String id, CelType result, CelType on, CelType argument) {
    b.declare(newFunctionDeclaration(name, newMemberOverload(id, result, on, argument)));
  }

  private static void decision(CelLibrary.Builder b, String name, String id, CelType result) {
    b.declare(newFunctionDeclaration(name, newMemberOverload(id, result, DECISION)));
  }
}
