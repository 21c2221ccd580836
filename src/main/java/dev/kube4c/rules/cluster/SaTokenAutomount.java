package dev.kube4c.rules.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.SecurityContexts;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.rules.WorkloadRule;
import java.util.Optional;

/**
 * A mounted ServiceAccount token is a credential for the API server that any code in the pod can
 * steal.
 */
public final class SaTokenAutomount extends WorkloadRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("sa-token-automount")
          .title("Pod mounts a ServiceAccount token")
          .area(Area.AUTHORIZATION)
          .severity(Severity.LOW)
          .rationale(
              "Unless automountServiceAccountToken is false on the pod or its ServiceAccount, every container gets an API token; after a compromise the attacker can call the API server with the ServiceAccount's permissions. Most applications never talk to the API.")
          .remediation(
              "Set automountServiceAccountToken: false on the pod spec or on its ServiceAccount; mount a projected token only in pods that call the API.")
          .references(
              "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.1.6")
                  .withNsa("Pod security: protecting Pod service account tokens")
                  .withMitre("T1528")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .readsAtAdmission("ServiceAccount")
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Workload workload, RuleContext context, FindingSink sink) {
    JsonNode podValue = workload.podSpec().path("automountServiceAccountToken");
    if (SecurityContexts.isFalse(podValue)) {
      return;
    }
    String account =
        workload
            .podSpec()
            .path("serviceAccountName")
            .asText(workload.podSpec().path("serviceAccount").asText("default"));
    if (SecurityContexts.isTrue(podValue)) {
      sink.report(
          workload.resource(),
          workload.path("automountServiceAccountToken")
              + " is true (ServiceAccount "
              + account
              + ")");
      return;
    }
    Optional<Resource> serviceAccount =
        context.inventory().find("ServiceAccount", workload.namespace(), account);
    if (serviceAccount.isPresent()
        && SecurityContexts.isFalse(
            serviceAccount.get().object().path("automountServiceAccountToken"))) {
      return;
    }
    String where =
        serviceAccount.isPresent()
            ? "ServiceAccount " + account + " does not set it to false either"
            : "ServiceAccount " + account + " is not in the input";
    sink.report(
        workload.resource(),
        workload.path("automountServiceAccountToken") + " is not set and " + where);
  }
}
