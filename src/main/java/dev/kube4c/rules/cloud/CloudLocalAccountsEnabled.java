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
 * Static admin credentials (AKS local accounts, GKE basic auth or client certificates) bypass the
 * identity provider.
 */
public final class CloudLocalAccountsEnabled extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-local-accounts-enabled")
          .title("Local or static cluster admin credentials enabled")
          .area(Area.CLOUD_IDENTITY_ACCESS)
          .severity(Severity.HIGH)
          .rationale(
              "Local admin accounts, basic-auth passwords and issued client certificates are long-lived credentials outside the identity provider: they skip MFA and conditional access, cannot be revoked per user, and whoever copies one keeps cluster-admin.")
          .remediation(
              "Disable local accounts on AKS (disableLocalAccounts: true, Terraform local_account_disabled = true) after enabling Entra ID; on GKE remove basic auth and set issueClientCertificate to false.")
          .references(
              "https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad",
              "https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#restrict_authn_methods",
              "MCSB IM-1",
              "MCSB PA-1")
          .frameworks(
              Frameworks.NONE
                  .withCis("GKE 5.8.1")
                  .withMitre("T1078")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting disabled = c.setting("localAccountsDisabled");
    if (disabled.isNotTrue()) {
      problems.add(disabled.describe() + ", so the local cluster-admin account can be used");
    }
  }

  @Override
  protected void gke(CloudCluster c, RuleContext context, List<String> problems) {
    Setting user = c.setting("basicAuthUser");
    Setting cert = c.setting("clientCertificate");
    if (user.hasContent()) {
      problems.add(c.setting("basicAuthUser").path() + " is set (basic authentication is on)");
    }
    if (cert.isTrue()) {
      problems.add(cert.describe());
    }
  }
}
