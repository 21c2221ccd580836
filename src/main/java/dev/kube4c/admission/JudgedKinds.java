package dev.kube4c.admission;

import dev.kube4c.inventory.PodSpecs;
import dev.kube4c.inventory.Resource;
import java.util.Set;

/**
 * The kinds that some rule of the catalogue judges: everything with a pod spec (including custom
 * resources with a pod template) and the kinds below. Requests for other kinds (Leases, Events,
 * Scale, ...) are answered at once, without building an inventory. A rule added for a new kind must
 * add it here, or the webhook lets that kind through unjudged ({@code AdmissionJudgeTest} checks
 * that every fixture kind of the catalogue is listed).
 */
final class JudgedKinds {

  static final Set<String> KINDS =
      Set.of(
          "Namespace",
          "Service",
          "Ingress",
          "IngressClass",
          "NetworkPolicy",
          "Secret",
          "SealedSecret",
          "ConfigMap",
          "ServiceAccount",
          "Role",
          "ClusterRole",
          "RoleBinding",
          "ClusterRoleBinding",
          "RuntimeClass",
          "LimitRange",
          "ResourceQuota",
          "Gateway",
          "HTTPRoute",
          "PeerAuthentication",
          "AuthorizationPolicy",
          "DestinationRule",
          "VirtualService");

  private JudgedKinds() {}

  static boolean judges(Resource resource) {
    return KINDS.contains(resource.kind()) || PodSpecs.workloadOf(resource).isPresent();
  }
}
