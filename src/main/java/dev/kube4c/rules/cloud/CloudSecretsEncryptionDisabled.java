package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** Secrets in etcd are not envelope-encrypted with a key the customer controls. */
public final class CloudSecretsEncryptionDisabled extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-secrets-encryption-disabled")
          .title("Secrets not envelope-encrypted with a customer KMS key")
          .area(Area.CLOUD_STORAGE)
          .severity(Severity.MEDIUM)
          .rationale(
              "Without KMS envelope encryption, Secrets in etcd are protected only by the provider's platform keys; anyone who obtains an etcd backup or snapshot reads every secret, and the customer cannot revoke access by disabling a key.")
          .remediation(
              "Enable KMS encryption of secrets: AKS securityProfile.azureKeyVaultKms (Terraform key_management_service), EKS encryptionConfig for resources [\"secrets\"] with a KMS key, GKE databaseEncryption state ENCRYPTED with a Cloud KMS key.")
          .references(
              "https://learn.microsoft.com/azure/aks/use-kms-etcd-encryption",
              "https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html",
              "https://cloud.google.com/kubernetes-engine/docs/how-to/encrypting-secrets",
              "MCSB DP-5")
          .frameworks(
              Frameworks.NONE
                  .withCis("AKS 5.3.1", "EKS 5.3.1", "GKE 5.3.1")
                  .withNsa("Secrets encryption")
                  .withMitre("T1552")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting kms = c.setting("kmsEnabled");
    if (off(kms)) {
      problems.add(kms.describe());
    }
  }

  @Override
  protected void eks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting encryption = c.setting("encryptionConfig");
    if (encryption.unknown()) {
      return;
    }
    for (var entry : encryption.value()) {
      for (var resource : entry.path("resources")) {
        if (resource.asText().equals("secrets")) {
          return;
        }
      }
    }
    problems.add(
        encryption.hasContent()
            ? encryption.path() + " does not cover \"secrets\""
            : encryption.describe());
  }

  @Override
  protected void gke(CloudCluster c, RuleContext context, List<String> problems) {
    Setting state = c.setting("databaseEncryption");
    if (!state.unknown() && !state.text().equals("ENCRYPTED")) {
      problems.add(state.describe());
    }
  }
}
