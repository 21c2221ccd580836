package dev.kube4c.rules.container;

import dev.kube4c.images.ImageVerdict;
import dev.kube4c.inventory.Container;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.ContainerRule;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** With --verify-images: the image digest carries no cosign signature by a trusted key. */
public final class ImageSignatureMissing extends ContainerRule {

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

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  public boolean isActive(RuleContext context) {
    return context.images().enabled();
  }

  @Override
  protected void check(
      Workload workload, Container container, RuleContext context, FindingSink sink) {
    context
        .images()
        .verdict(container.image())
        .filter(v -> v.status() == ImageVerdict.Status.MISSING)
        .ifPresent(
            v ->
                sink.report(
                    workload.resource(),
                    container,
                    container.path() + ".image " + container.image() + ": " + v.detail()));
  }
}
