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

/**
 * With a mutable tag and IfNotPresent, each node runs whatever it pulled first, and a pod on a
 * shared node may use an image its own pull secret could not fetch.
 */
public final class ImagePullPolicyNotAlways extends ContainerRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("image-pull-policy-not-always")
          .title("Mutable image tag without imagePullPolicy Always")
          .area(Area.IMAGE_TRUST)
          .severity(Severity.LOW)
          .rationale(
              "When an image is referenced by a mutable tag and not always pulled, nodes keep whatever version they cached first, and a pod can reuse an image that another tenant's credentials pulled onto the node, skipping the registry's authorization.")
          .remediation(
              "Pin the image by digest, or set imagePullPolicy: Always (and enable the AlwaysPullImages admission plugin on multi-tenant clusters).")
          .references("https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy")
          .frameworks(Frameworks.NONE.withCis("1.2.11").withCks(Frameworks.Cks.SUPPLY_CHAIN))
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
    String policy = container.node().path("imagePullPolicy").asText("");
    // The API server defaults the policy to Always for latest or untagged images.
    String effective =
        !policy.isEmpty() ? policy : reference.isLatest() ? "Always" : "IfNotPresent";
    if (!effective.equals("Always")) {
      String shown =
          policy.isEmpty()
              ? "is not set (IfNotPresent for tag " + reference.tag() + ")"
              : "is " + policy;
      sink.report(
          workload.resource(),
          container,
          container.path() + ".imagePullPolicy " + shown + " for the mutable image " + image);
    }
  }
}
