package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** No managed secret-store CSI driver, so application secrets live in Kubernetes Secrets. */
public final class CloudSecretStoreIntegrationMissing extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-secret-store-integration-missing")
          .title("No managed secret-store integration")
          .area(Area.CLOUD_APPLICATIONS)
          .severity(Severity.LOW)
          .rationale(
              "The provider's secret-store CSI integration mounts secrets from Key Vault or Secret Manager with rotation, access policies and audit; without it teams copy secrets into Kubernetes Secrets, where they are base64 in etcd and readable by anyone with get on secrets.")
          .remediation(
              "AKS: enable the azureKeyvaultSecretsProvider add-on (Terraform key_vault_secrets_provider block). GKE: enable secretManagerConfig.")
          .references(
              "https://learn.microsoft.com/azure/aks/csi-secrets-store-driver",
              "https://cloud.google.com/secret-manager/docs/secret-manager-managed-csi-component",
              "MCSB IM-8")
          .frameworks(
              Frameworks.NONE
                  .withMitre("T1552")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting provider = c.setting("keyVaultSecretsProvider");
    if (off(provider)) {
      problems.add(provider.describe());
    }
  }

  @Override
  protected void gke(CloudCluster c, RuleContext context, List<String> problems) {
    Setting manager = c.setting("secretManager");
    if (manager.isNotTrue()) {
      problems.add(manager.describe());
    }
  }
}
