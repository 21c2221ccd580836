package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** No provider-level admission of signed images (GKE Binary Authorization, AKS image integrity). */
public final class CloudImageSignatureEnforcementMissing extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-image-signature-enforcement-missing")
          .title("No provider image signature enforcement")
          .area(Area.CLOUD_APPLICATIONS)
          .severity(Severity.LOW)
          .rationale(
              "Without image admission by signature, any image that someone can push or reference runs in the cluster; a compromised registry account or a typo-squatted image goes straight to production.")
          .remediation(
              "GKE: enable Binary Authorization with evaluationMode PROJECT_SINGLETON_POLICY_ENFORCE. AKS: enable securityProfile.imageIntegrity with a Ratify verification policy, or enforce signatures with an admission controller.")
          .references(
              "https://cloud.google.com/binary-authorization/docs/setting-up",
              "https://learn.microsoft.com/azure/aks/image-integrity",
              "MCSB DS-6")
          .frameworks(
              Frameworks.NONE
                  .withCis("GKE 5.10.4")
                  .withMitre("T1525")
                  .withCks(Frameworks.Cks.SUPPLY_CHAIN))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    if (!c.has("imageIntegrity")) {
      return;
    }
    Setting integrity = c.setting("imageIntegrity");
    if (integrity.isNotTrue()) {
      problems.add(integrity.describe());
    }
  }

  @Override
  protected void gke(CloudCluster c, RuleContext context, List<String> problems) {
    Setting binauthz = c.setting("binaryAuthorization");
    if (binauthz.unknown() || binauthz.isTrue()) {
      return;
    }
    String mode = binauthz.text();
    if (!mode.equals("PROJECT_SINGLETON_POLICY_ENFORCE")
        && !mode.equals("POLICY_BINDINGS")
        && !mode.equals("POLICY_BINDINGS_AND_PROJECT_SINGLETON_POLICY_ENFORCE")) {
      problems.add(binauthz.describe());
    }
  }
}
