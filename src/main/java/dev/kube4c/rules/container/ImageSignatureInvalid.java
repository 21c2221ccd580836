package dev.kube4c.rules.container;

import dev.kube4c.images.ImageVerdict;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** With --verify-images: signatures exist, but none verifies with a trusted key for this digest. */
public final class ImageSignatureInvalid extends ImageSignatureRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("image-signature-invalid")
          .title("Image signature does not verify")
          .area(Area.IMAGE_TRUST)
          .severity(Severity.CRITICAL)
          .rationale(
              "A signature that does not verify with the trusted keys, or that vouches for a different digest, is what a tampered or swapped image looks like: someone published a signature the organisation's keys did not make, or moved a signature onto other content. Active only with --verify-images.")
          .remediation(
              "Treat the image as untrusted until explained: compare the digest with the release record, re-sign the correct digest with the organisation's key, and enforce signatures at admission.")
          .references(
              "https://docs.sigstore.dev/cosign/verifying/verify/",
              "https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Pod security: building secure container images")
                  .withMitre("T1525")
                  .withCks(Frameworks.Cks.SUPPLY_CHAIN))
          .build();

  public ImageSignatureInvalid() {
    super(ImageVerdict.Status.INVALID, METADATA);
  }
}
