package dev.kube4c.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kubernetes' semver library: {@code semver(s)}, {@code semver(s, normalize)}, {@code isSemver(s)},
 * {@code isSemver(s, normalize)}, and on a version {@code major()}, {@code minor()}, {@code
 * patch()}, {@code isGreaterThan}, {@code isLessThan} and {@code compareTo}.
 */
final class SemverFunctions {

  private SemverFunctions() {}

  static final CelType SEMVER = OpaqueType.create("kubernetes.Semver");

  static CelLibrary library() {
    CelLibrary.Builder b = new CelLibrary.Builder();
    b.declare(
        newFunctionDeclaration(
            "semver",
            newGlobalOverload("kube4c_semver", SEMVER, SimpleType.STRING),
            newGlobalOverload(
                "kube4c_semver_normalize", SEMVER, SimpleType.STRING, SimpleType.BOOL)));
    b.bind(CelFunctionBinding.from("kube4c_semver", String.class, s -> semver(s, false)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_semver_normalize", String.class, Boolean.class, SemverFunctions::semver));
    b.declare(
        newFunctionDeclaration(
            "isSemver",
            newGlobalOverload("kube4c_is_semver", SimpleType.BOOL, SimpleType.STRING),
            newGlobalOverload(
                "kube4c_is_semver_normalize",
                SimpleType.BOOL,
                SimpleType.STRING,
                SimpleType.BOOL)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_is_semver", String.class, s -> KubeSemver.parse(s, false).isPresent()));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_is_semver_normalize",
            String.class,
            Boolean.class,
            (s, n) -> KubeSemver.parse(s, n).isPresent()));
    part(b, "major", "kube4c_semver_major");
    b.bind(CelFunctionBinding.from("kube4c_semver_major", KubeSemver.class, KubeSemver::major));
    part(b, "minor", "kube4c_semver_minor");
    b.bind(CelFunctionBinding.from("kube4c_semver_minor", KubeSemver.class, KubeSemver::minor));
    part(b, "patch", "kube4c_semver_patch");
    b.bind(CelFunctionBinding.from("kube4c_semver_patch", KubeSemver.class, KubeSemver::patch));
    b.declare(
        newFunctionDeclaration(
            "isGreaterThan",
            newMemberOverload("kube4c_semver_is_greater_than", SimpleType.BOOL, SEMVER, SEMVER)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_semver_is_greater_than",
            KubeSemver.class,
            KubeSemver.class,
            (a, c) -> a.compareTo(c) > 0));
    b.declare(
        newFunctionDeclaration(
            "isLessThan",
            newMemberOverload("kube4c_semver_is_less_than", SimpleType.BOOL, SEMVER, SEMVER)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_semver_is_less_than",
            KubeSemver.class,
            KubeSemver.class,
            (a, c) -> a.compareTo(c) < 0));
    b.declare(
        newFunctionDeclaration(
            "compareTo",
            newMemberOverload("kube4c_semver_compare_to", SimpleType.INT, SEMVER, SEMVER)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_semver_compare_to",
            KubeSemver.class,
            KubeSemver.class,
            (a, c) -> (long) Integer.signum(a.compareTo(c))));
    return b.build();
  }

  private static void part(CelLibrary.Builder b, String name, String id) {
    b.declare(newFunctionDeclaration(name, newMemberOverload(id, SimpleType.INT, SEMVER)));
  }

  static KubeSemver semver(String text, boolean normalize) throws CelEvaluationException {
    return KubeSemver.parse(text, normalize)
        .orElseThrow(() -> new CelEvaluationException("invalid semver '" + text + "'"));
  }
}
