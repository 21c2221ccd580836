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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Istio PeerAuthentication that accepts plaintext (PERMISSIVE or DISABLE, also per port), and
 * meshed namespaces that no STRICT policy covers: without any PeerAuthentication Istio runs
 * PERMISSIVE. Scopes: mesh (root namespace istio-system, no selector), namespace (no selector),
 * workload (selector).
 */
public final class MeshMtlsNotStrict implements Rule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("mesh-mtls-not-strict")
          .title("Istio mTLS not STRICT")
          .area(Area.MTLS)
          .severity(Severity.HIGH)
          .rationale(
              "In PERMISSIVE mode (Istio's default) a sidecar accepts plaintext as well as mTLS, so any pod of the flat pod network, meshed or not, can talk to the workload without an identity and read or alter its traffic; DISABLE turns mTLS off. Only STRICT makes the mesh identity a requirement.")
          .remediation(
              "Apply a mesh-wide PeerAuthentication in istio-system with spec.mtls.mode STRICT, remove PERMISSIVE/DISABLE namespace, workload and port-level exceptions once all clients are meshed.")
          .references(
              "https://istio.io/latest/docs/reference/config/security/peer_authentication/",
              "https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Network separation and hardening")
                  .withMitre("T1557")
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
    boolean meshModeSet = false;
    java.util.Set<String> namespacesWithMode = new java.util.HashSet<>();
    for (Resource policy : mesh.peerAuthentications()) {
      String mode = IstioMesh.mtlsMode(policy.spec());
      boolean workloadScope = IstioMesh.hasSelector(policy);
      String namespace = policy.effectiveNamespace();
      if (!workloadScope && !mode.equals("UNSET")) {
        if (namespace.equals(IstioMesh.ROOT_NAMESPACE)) {
          meshModeSet = true;
        }
        namespacesWithMode.add(namespace);
      }
      String scope =
          workloadScope
              ? "workload"
              : namespace.equals(IstioMesh.ROOT_NAMESPACE) ? "mesh-wide" : "namespace-wide";
      List<String> weak = new ArrayList<>();
      if (mode.equals("PERMISSIVE") || mode.equals("DISABLE")) {
        weak.add("spec.mtls.mode is " + mode);
      }
      for (Map.Entry<String, JsonNode> port : policy.spec().path("portLevelMtls").properties()) {
        String portMode =
            port.getValue().path("mode").asText("UNSET").toUpperCase(java.util.Locale.ROOT);
        if (portMode.equals("PERMISSIVE") || portMode.equals("DISABLE")) {
          weak.add("spec.portLevelMtls." + port.getKey() + ".mode is " + portMode);
        }
      }
      if (!weak.isEmpty()) {
        sink.report(
            policy, String.join(", ", weak) + " (" + scope + " policy): plaintext is accepted");
      }
    }
    if (meshModeSet) {
      return; // every namespace inherits the mesh-wide mode, which was judged above
    }
    for (String namespace : mesh.meshedNamespaces()) {
      if (!namespacesWithMode.contains(namespace)) {
        Optional<Resource> object = mesh.namespace(namespace);
        String message =
            "meshed namespace "
                + namespace
                + " is covered by no PeerAuthentication with a mode (mesh-wide in "
                + IstioMesh.ROOT_NAMESPACE
                + " or in the namespace), so Istio's default PERMISSIVE applies";
        if (object.isPresent()) {
          sink.report(object.get(), message);
        } else {
          sink.report(
              new ResourceRef("v1", "Namespace", null, namespace, null), null, message, null);
        }
      }
    }
  }
}
