package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** Add-ons that are not meant for production (HTTP application routing, Kubernetes dashboard). */
public final class CloudLegacyAddonEnabled extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-legacy-addon-enabled")
          .title("Non-production add-on enabled")
          .area(Area.CLOUD_APPLICATIONS)
          .severity(Severity.MEDIUM)
          .rationale(
              "AKS HTTP application routing publishes services on a public DNS zone without TLS and is retired; the Kubernetes dashboard add-on runs with broad permissions and has been the entry point of real cluster takeovers.")
          .remediation(
              "Disable httpApplicationRouting and kubeDashboard on AKS (use the application routing add-on with TLS instead), and keep addonsConfig.kubernetesDashboard disabled on GKE.")
          .references(
              "https://learn.microsoft.com/azure/aks/http-application-routing",
              "https://cloud.google.com/kubernetes-engine/docs/concepts/dashboards",
              "MCSB PV-2")
          .frameworks(
              Frameworks.NONE
                  .withCis("GKE 5.10.1")
                  .withMitre("T1133")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    for (String key : List.of("httpApplicationRouting", "kubeDashboard")) {
      Setting addon = c.setting(key);
      if (addon.isTrue()) {
        problems.add(addon.describe());
      }
    }
  }

  @Override
  protected void gke(CloudCluster c, RuleContext context, List<String> problems) {
    Setting dashboard = c.setting("kubernetesDashboard");
    if (dashboard.isFalse()) {
      problems.add(dashboard.describe());
    }
  }
}
