package dev.kube4c.rules.container;

import dev.kube4c.images.ImageVerdict;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** With --verify-images: the image digest carries no cosign signature by a trusted key. */
public final class ImageSignatureMissing extends ImageSignatureRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("image-signature-missing")
          .title("Image not signed by a trusted key")
          .area(Area.IMAGE_TRUST)
          .severity(Severity.HIGH)
          .rationale(
              "Without a signature by a key the organisation trusts, nothing ties the running image to the build that produced it: a pushed-over tag, a compromised registry account or a typosquatted image runs unnoticed. Active only with --verify-images; the digest each reference resolves to is checked for cosign signatures.")
          .remediation(
              "Sign the image digest in the release pipeline (cosign sign --key ...), reference it by digest, and enforce signatures at admission (Sigstore policy-controller, Kyverno verifyImages, Ratify).")
          .references(
              "https://docs.sigstore.dev/cosign/signing/signing_with_containers/",
              "https://kubernetes.io/docs/tasks/administer-cluster/verify-signed-artifacts/")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Pod security: building secure container images")
                  .withMitre("T1610")
                  .withCks(Frameworks.Cks.SUPPLY_CHAIN))
          .build();

  public ImageSignatureMissing() {
    super(ImageVerdict.Status.MISSING, METADATA);
  }
}
