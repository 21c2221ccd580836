package dev.kube4c.rules.container;

import dev.kube4c.inventory.Container;
import dev.kube4c.inventory.ImageReference;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.ContainerRule;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** A tag can be moved to other content at any time; only a digest names exactly what runs. */
public final class ImageTagMutable extends ContainerRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("image-tag-mutable")
          .title("Image is not pinned by digest")
          .area(Area.IMAGE_TRUST)
          .severity(Severity.MEDIUM)
          .rationale(
              "Tags are mutable: whoever can push to the repository can change what a tag points to, and 'latest' changes with every build. Without a digest, nodes may run different code and a poisoned push reaches the cluster on the next pull.")
          .remediation(
              "Pin images by digest (image: repo/name:1.2.3@sha256:...), for example with a CI step that resolves tags; at least use an immutable version tag instead of latest.")
          .references("https://kubernetes.io/docs/concepts/containers/images/#image-names")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Pod security: building secure container images")
                  .withMitre("T1525")
                  .withCks(Frameworks.Cks.SUPPLY_CHAIN))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(
      Workload workload, Container container, RuleContext context, FindingSink sink) {
    String image = container.image();
    if (image.isEmpty()) {
      return;
    }
    ImageReference reference = ImageReference.parse(image);
    if (reference.hasDigest()) {
      return;
    }
    if (reference.isLatest()) {
      String what = reference.tag() == null ? "has no tag (means latest)" : "uses the latest tag";
      sink.report(
          workload.resource(),
          container,
          container.path() + ".image " + image + " " + what + " and no digest",
          Severity.MEDIUM);
    } else {
      sink.report(
          workload.resource(),
          container,
          container.path() + ".image " + image + " is not pinned by digest",
          Severity.LOW);
    }
  }
}
