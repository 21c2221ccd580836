package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/**
 * The cluster authenticates to the cloud with a service principal secret or a shared default
 * account.
 */
public final class CloudManagedIdentityMissing extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-managed-identity-missing")
          .title("Cluster uses static credentials instead of a managed identity")
          .area(Area.CLOUD_IDENTITY_ACCESS)
          .severity(Severity.MEDIUM)
          .rationale(
              "A service principal's client secret sits on every node and expires or leaks; GKE nodes on the Compute Engine default service account get the project's broad Editor role. A managed or dedicated identity has no secret to steal and only the permissions it needs.")
          .remediation(
              "AKS: use identity type SystemAssigned or UserAssigned instead of servicePrincipalProfile. GKE: run node pools as a dedicated least-privilege service account instead of the Compute Engine default.")
          .references(
              "https://learn.microsoft.com/azure/aks/use-managed-identity",
              "https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#use_least_privilege_sa",
              "MCSB IM-3")
          .frameworks(
              Frameworks.NONE
                  .withCis("GKE 5.2.1")
                  .withMitre("T1552")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting principal = c.setting("servicePrincipal");
    Setting identity = c.setting("identityType");
    boolean usesPrincipal =
        principal.isSet()
            && !principal.text().equalsIgnoreCase("msi")
            && !principal.text().isEmpty();
    if (usesPrincipal && identity.isUnset()) {
      problems.add(principal.path() + " is set (a service principal) and " + identity.describe());
    }
  }

  @Override
  protected void gke(CloudCluster c, RuleContext context, List<String> problems) {
    for (CloudCluster.NodePool pool : c.nodePools()) {
      Setting account = pool.setting("serviceAccount");
      if (account.text().equals("default")) {
        problems.add(account.describe());
      } else if (c.isTerraform() && account.isUnset()) {
        problems.add(account.path() + " is not set (the Compute Engine default service account)");
      }
    }
  }
}
