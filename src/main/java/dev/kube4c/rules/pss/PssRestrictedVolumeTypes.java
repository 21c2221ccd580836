package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, restricted: upstream check restrictedVolumes. */
public final class PssRestrictedVolumeTypes extends PssCheckRule {

  public PssRestrictedVolumeTypes() {
    super(
        "restrictedVolumes",
        RuleMetadata.rule("pss-restricted-volume-types")
            .title("Pod uses a volume type outside the restricted set")
            .area(Area.POD_SECURITY)
            .severity(Severity.MEDIUM)
            .rationale(
                "The restricted Pod Security Standard allows only volume types that cannot reach the node or network storage directly: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret.")
            .remediation(
                "Replace the volume by a PersistentVolumeClaim (for network storage) or one of the allowed inline types.")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1611")
                    .withPss("Volume Types")
                    .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
            .build());
  }
}
