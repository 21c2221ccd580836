package dev.kube4c.rules.code;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.Workload;
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
import java.util.Optional;

/**
 * Istio DestinationRule traffic policies (top level, per port, per subset) that send plaintext
 * (tls.mode DISABLE), or that originate SIMPLE TLS to a host inside the mesh, which replaces the
 * mesh's mutual TLS (ISTIO_MUTUAL) by one-way TLS without client identity.
 */
public final class MeshTlsDisabled implements Rule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("mesh-tls-disabled")
          .title("Istio DestinationRule disables mesh TLS")
          .area(Area.MTLS)
          .severity(Severity.HIGH)
          .rationale(
              "A DestinationRule's client-side TLS setting overrides Istio's automatic mTLS: DISABLE sends plaintext to the destination, and SIMPLE to a meshed service swaps mutual TLS for one-way TLS, so the server sees no workload identity and authorization policies on principals stop working.")
          .remediation(
              "Remove the tls block (auto mTLS) or set tls.mode ISTIO_MUTUAL for in-mesh hosts; keep DISABLE only for hosts that are known to speak plaintext and are outside the mesh, with an exception that says why.")
          .references(
              "https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings-TLSmode",
              "https://istio.io/latest/docs/ops/configuration/traffic-management/tls-configuration/")
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
    for (Resource rule : mesh.destinationRules()) {
      String host = rule.spec().path("host").asText("");
      boolean inMesh = inMeshHost(context, mesh, host, rule.effectiveNamespace());
      List<String> problems = new ArrayList<>();
      policy(rule.spec().path("trafficPolicy"), "spec.trafficPolicy", inMesh, problems);
      int i = 0;
      for (JsonNode subset : rule.spec().path("subsets")) {
        policy(
            subset.path("trafficPolicy"),
            "spec.subsets[" + i++ + "].trafficPolicy",
            inMesh,
            problems);
      }
      if (!problems.isEmpty()) {
        sink.report(rule, String.join(", ", problems) + " for host " + host);
      }
    }
  }

  private static void policy(JsonNode policy, String path, boolean inMesh, List<String> problems) {
    mode(policy.path("tls"), path + ".tls", inMesh, problems);
    int i = 0;
    for (JsonNode port : policy.path("portLevelSettings")) {
      mode(port.path("tls"), path + ".portLevelSettings[" + i++ + "].tls", inMesh, problems);
    }
  }

  private static void mode(JsonNode tls, String path, boolean inMesh, List<String> problems) {
    String mode = tls.path("mode").asText("");
    if (mode.equals("DISABLE")) {
      problems.add(path + ".mode is DISABLE");
    } else if (mode.equals("SIMPLE") && inMesh) {
      problems.add(
          path + ".mode is SIMPLE to an in-mesh service (one-way TLS instead of ISTIO_MUTUAL)");
    }
  }

  /**
   * The host names a Service of the input (short, name.ns, or FQDN) that selects meshed workloads.
   */
  static boolean inMeshHost(
      RuleContext context, IstioMesh mesh, String host, String ruleNamespace) {
    String[] parts = host.split("\\.");
    if (host.isEmpty() || host.contains("*")) {
      return false;
    }
    String name = parts[0];
    String namespace;
    if (parts.length == 1) {
      namespace = ruleNamespace;
    } else if (parts.length == 2 || host.endsWith(".svc") || host.contains(".svc.")) {
      namespace = parts[1];
    } else {
      return false; // an external name
    }
    Optional<Resource> service = context.inventory().find("Service", namespace, name);
    if (service.isEmpty()) {
      return false;
    }
    for (Workload workload : context.inventory().workloadsSelectedBy(service.get())) {
      if (mesh.isMeshed(workload)) {
        return true;
      }
    }
    return false;
  }
}
