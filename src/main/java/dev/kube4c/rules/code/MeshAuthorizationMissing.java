package dev.kube4c.rules.code;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.ResourceRef;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Scope;
import dev.kube4c.rules.Severity;
import java.util.List;

/**
 * Meshed namespaces that no ALLOW AuthorizationPolicy covers (in the namespace or mesh-wide in the
 * root namespace): Istio then allows every request. DENY/CUSTOM/AUDIT policies alone keep that
 * default. Also ALLOW policies with a rule that matches everything ({@code rules: [{}]}).
 */
public final class MeshAuthorizationMissing implements Rule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("mesh-authorization-missing")
          .title("Meshed namespace without authorization policy")
          .area(Area.MTLS)
          .severity(Severity.MEDIUM)
          .rationale(
              "mTLS proves who is calling, but only an AuthorizationPolicy decides who may. Without an ALLOW policy (or with one that allows everything) every workload of the mesh, and with PERMISSIVE mTLS every pod, can call every endpoint, so one compromised pod reaches all services.")
          .remediation(
              "Apply an allow-nothing AuthorizationPolicy (spec: {}) per namespace or mesh-wide, then ALLOW policies that name the calling service accounts (source.principals) and the paths and methods they need.")
          .references(
              "https://istio.io/latest/docs/reference/config/security/authorization-policy/",
              "https://istio.io/latest/docs/ops/best-practices/security/#use-default-deny-patterns")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Network separation and hardening")
                  .withMitre("T1021")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .notAtAdmission()
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  public Scope scope() {
    return Scope.CLUSTER; // the mesh and the routes to a Service reach across namespaces
  }

  @Override
  public void check(RuleContext context, FindingSink sink) {
    IstioMesh mesh = new IstioMesh(context.inventory());
    boolean meshWideAllow = false;
    for (Resource policy : mesh.authorizationPolicies()) {
      if (!isAllow(policy)) {
        continue;
      }
      if (policy.effectiveNamespace().equals(IstioMesh.ROOT_NAMESPACE)
          && !IstioMesh.hasSelector(policy)) {
        meshWideAllow = true;
      }
      int i = 0;
      for (JsonNode rule : policy.spec().path("rules")) {
        if (matchesEverything(rule)) {
          sink.report(
              policy,
              "spec.rules["
                  + i
                  + "] has no from, to or when: the ALLOW policy allows every request");
          break;
        }
        i++;
      }
    }
    if (meshWideAllow) {
      return;
    }
    for (String namespace : mesh.meshedNamespaces()) {
      List<Resource> own = mesh.authorizationPoliciesIn(namespace);
      if (own.stream().noneMatch(MeshAuthorizationMissing::isAllow)) {
        String message =
            "meshed namespace "
                + namespace
                + (own.isEmpty()
                    ? " has no AuthorizationPolicy"
                    : " has only DENY/CUSTOM/AUDIT AuthorizationPolicies")
                + " and none mesh-wide in "
                + IstioMesh.ROOT_NAMESPACE
                + ", so every request is allowed";
        Resource object = mesh.namespace(namespace).orElse(null);
        if (object != null) {
          sink.report(object, message);
        } else {
          sink.report(
              new ResourceRef("v1", "Namespace", null, namespace, null), null, message, null);
        }
      }
    }
  }

  static boolean isAllow(Resource policy) {
    String action = policy.spec().path("action").asText("ALLOW");
    return action.equals("ALLOW");
  }

  private static boolean matchesEverything(JsonNode rule) {
    return rule.isObject()
        && rule.path("from").isEmpty()
        && rule.path("to").isEmpty()
        && rule.path("when").isEmpty();
  }
}
