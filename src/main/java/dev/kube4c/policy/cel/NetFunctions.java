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
 * Kubernetes' IP and CIDR libraries: {@code ip(s)}, {@code isIP(s)}, {@code ip.isCanonical(s)},
 * {@code family()}, {@code isUnspecified()}, {@code isLoopback()}, {@code isLinkLocalMulticast()},
 * {@code isLinkLocalUnicast()}, {@code isGlobalUnicast()}; {@code cidr(s)}, {@code isCIDR(s)},
 * {@code containsIP}, {@code containsCIDR}, {@code ip()}, {@code masked()}, {@code prefixLength()};
 * and {@code string()} of either.
 */
final class NetFunctions {

  private NetFunctions() {}

  static final CelType IP = OpaqueType.create("net.IP");
  static final CelType CIDR = OpaqueType.create("net.CIDR");

  static CelLibrary library() {
    CelLibrary.Builder b = new CelLibrary.Builder();
    b.declare(newFunctionDeclaration("ip", newGlobalOverload("kube4c_ip", IP, SimpleType.STRING)));
    b.bind(CelFunctionBinding.from("kube4c_ip", String.class, NetFunctions::ip));
    b.declare(
        newFunctionDeclaration(
            "isIP", newGlobalOverload("kube4c_is_ip", SimpleType.BOOL, SimpleType.STRING)));
    b.bind(CelFunctionBinding.from("kube4c_is_ip", String.class, s -> KubeIp.parse(s).isPresent()));
    b.declare(
        newFunctionDeclaration(
            "ip.isCanonical",
            newGlobalOverload("kube4c_ip_is_canonical", SimpleType.BOOL, SimpleType.STRING)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_ip_is_canonical", String.class, s -> ip(s).toString().equals(s)));
    ipMember(b, "family", "kube4c_ip_family", SimpleType.INT);
    b.bind(CelFunctionBinding.from("kube4c_ip_family", KubeIp.class, ip -> (long) ip.family()));
    ipMember(b, "isUnspecified", "kube4c_ip_is_unspecified", SimpleType.BOOL);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_ip_is_unspecified", KubeIp.class, ip -> ip.address().isAnyLocalAddress()));
    ipMember(b, "isLoopback", "kube4c_ip_is_loopback", SimpleType.BOOL);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_ip_is_loopback", KubeIp.class, ip -> ip.address().isLoopbackAddress()));
    ipMember(b, "isLinkLocalMulticast", "kube4c_ip_is_link_local_multicast", SimpleType.BOOL);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_ip_is_link_local_multicast", KubeIp.class, ip -> ip.address().isMCLinkLocal()));
    ipMember(b, "isLinkLocalUnicast", "kube4c_ip_is_link_local_unicast", SimpleType.BOOL);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_ip_is_link_local_unicast",
            KubeIp.class,
            ip -> ip.address().isLinkLocalAddress()));
    ipMember(b, "isGlobalUnicast", "kube4c_ip_is_global_unicast", SimpleType.BOOL);
    b.bind(
        CelFunctionBinding.from(
            "kube4c_ip_is_global_unicast", KubeIp.class, KubeIp::isGlobalUnicast));

    b.declare(
        newFunctionDeclaration("cidr", newGlobalOverload("kube4c_cidr", CIDR, SimpleType.STRING)));
    b.bind(CelFunctionBinding.from("kube4c_cidr", String.class, NetFunctions::cidr));
    b.declare(
        newFunctionDeclaration(
            "isCIDR", newGlobalOverload("kube4c_is_cidr", SimpleType.BOOL, SimpleType.STRING)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_is_cidr", String.class, s -> KubeCidr.parse(s).isPresent()));
    b.declare(
        newFunctionDeclaration(
            "containsIP",
            newMemberOverload("kube4c_cidr_contains_ip", SimpleType.BOOL, CIDR, IP),
            newMemberOverload(
                "kube4c_cidr_contains_ip_string", SimpleType.BOOL, CIDR, SimpleType.STRING)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_cidr_contains_ip", KubeCidr.class, KubeIp.class, KubeCidr::contains));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_cidr_contains_ip_string",
            KubeCidr.class,
            String.class,
            (c, s) -> c.contains(ip(s))));
    b.declare(
        newFunctionDeclaration(
            "containsCIDR",
            newMemberOverload("kube4c_cidr_contains_cidr", SimpleType.BOOL, CIDR, CIDR),
            newMemberOverload(
                "kube4c_cidr_contains_cidr_string", SimpleType.BOOL, CIDR, SimpleType.STRING)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_cidr_contains_cidr", KubeCidr.class, KubeCidr.class, KubeCidr::contains));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_cidr_contains_cidr_string",
            KubeCidr.class,
            String.class,
            (c, s) -> c.contains(cidr(s))));
    b.declare(newFunctionDeclaration("ip", newMemberOverload("kube4c_cidr_ip", IP, CIDR)));
    b.bind(CelFunctionBinding.from("kube4c_cidr_ip", KubeCidr.class, KubeCidr::ip));
    b.declare(
        newFunctionDeclaration("masked", newMemberOverload("kube4c_cidr_masked", CIDR, CIDR)));
    b.bind(CelFunctionBinding.from("kube4c_cidr_masked", KubeCidr.class, KubeCidr::masked));
    b.declare(
        newFunctionDeclaration(
            "prefixLength", newMemberOverload("kube4c_cidr_prefix_length", SimpleType.INT, CIDR)));
    b.bind(
        CelFunctionBinding.from(
            "kube4c_cidr_prefix_length", KubeCidr.class, c -> (long) c.prefixLength()));
    b.declare(
        newFunctionDeclaration(
            "string",
            newGlobalOverload("kube4c_ip_to_string", SimpleType.STRING, IP),
            newGlobalOverload("kube4c_cidr_to_string", SimpleType.STRING, CIDR)));
    b.bind(CelFunctionBinding.from("kube4c_ip_to_string", KubeIp.class, KubeIp::toString));
    b.bind(CelFunctionBinding.from("kube4c_cidr_to_string", KubeCidr.class, KubeCidr::toString));
    return b.build();
  }

  private static void ipMember(CelLibrary.Builder b, String name, String id, CelType result) {
    b.declare(newFunctionDeclaration(name, newMemberOverload(id, result, IP)));
  }

  static KubeIp ip(String text) throws CelEvaluationException {
    return KubeIp.parse(text)
        .orElseThrow(() -> new CelEvaluationException("invalid IP address '" + text + "'"));
  }

  static KubeCidr cidr(String text) throws CelEvaluationException {
    return KubeCidr.parse(text)
        .orElseThrow(() -> new CelEvaluationException("invalid CIDR '" + text + "'"));
  }
}
