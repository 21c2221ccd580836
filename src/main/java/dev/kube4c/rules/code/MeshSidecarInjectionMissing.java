package dev.kube4c.rules.code;

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
import java.util.List;
import java.util.Map;

/**
 * While a mesh is present, namespaces with workloads outside it (no istio-injection / istio.io/rev
 * / ambient label and no pod opting in; judged only when the Namespace object is in the input), and
 * workloads that opt out with sidecar.istio.io/inject: "false".
 */
public final class MeshSidecarInjectionMissing implements Rule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("mesh-sidecar-injection-missing")
          .title("Workloads outside the mesh")
          .area(Area.MTLS)
          .severity(Severity.MEDIUM)
          .rationale(
              "A workload without a sidecar (or ambient data plane) sends and accepts plaintext on the flat pod network and has no mesh identity; it forces its peers to stay PERMISSIVE and escapes the mesh's authorization policies.")
          .remediation(
              "Label the namespace istio-injection=enabled (or istio.io/rev=<revision>, or istio.io/dataplane-mode=ambient) and restart its workloads; remove sidecar.istio.io/inject: \"false\" unless the workload is deliberately outside the mesh.")
          .references(
              "https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/",
              "https://istio.io/latest/docs/ambient/usage/add-workloads/")
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
    if (!mesh.present()) {
      return;
    }
    for (Map.Entry<String, List<Workload>> entry :
        context.inventory().workloadsByNamespace().entrySet()) {
      String namespace = entry.getKey();
      if (IstioMesh.SYSTEM_NAMESPACES.contains(namespace)) {
        continue;
      }
      boolean enrolled = mesh.enrolment(namespace).isPresent();
      int outside = 0;
      for (Workload workload : entry.getValue()) {
        if (mesh.isMeshed(workload)) {
          continue;
        }
        outside++;
        String own = IstioMesh.podInjection(workload);
        if ("false".equals(own)) {
          String where =
              workload.podLabels().containsKey(IstioMesh.INJECT) ? "labels" : "annotations";
          sink.report(
              workload.resource(),
              workload.podSpecPath().replaceFirst("spec$", "metadata")
                  + "."
                  + where
                  + "."
                  + IstioMesh.INJECT
                  + " is \"false\": the workload opts out of the mesh");
        }
      }
      // Without the Namespace object its labels are unknown (often set out of band): not judged.
      Resource object = mesh.namespace(namespace).orElse(null);
      if (!enrolled && outside > 0 && object != null) {
        String why =
            mesh.namespaceDisablesInjection(namespace)
                ? "metadata.labels.istio-injection is disabled"
                : "no istio-injection, istio.io/rev or istio.io/dataplane-mode label";
        sink.report(
            object,
            "namespace "
                + namespace
                + " has "
                + outside
                + " workload(s) outside the mesh and "
                + why);
      }
    }
  }
}
