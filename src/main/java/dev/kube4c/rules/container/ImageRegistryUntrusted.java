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
import java.util.List;

/** Images from registries the organisation does not control bypass its scanning and signing. */
public final class ImageRegistryUntrusted extends ContainerRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("image-registry-untrusted")
          .title("Image from a registry outside the allow-list")
          .area(Area.IMAGE_TRUST)
          .severity(Severity.HIGH)
          .rationale(
              "Images pulled from arbitrary registries skip the organisation's vulnerability scanning, signing and retention; typosquatted or hijacked public images are a known supply-chain attack. The rule is active only when allowedRegistries is configured.")
          .remediation(
              "Mirror the image into an allowed registry and reference it there, or add the registry to allowedRegistries in .kube4c.yaml after review.")
          .references("https://kubernetes.io/docs/concepts/security/security-checklist/#images")
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
    return !context.config().allowedRegistries().isEmpty();
  }

  @Override
  protected void check(
      Workload workload, Container container, RuleContext context, FindingSink sink) {
    String image = container.image();
    if (image.isEmpty() || isAllowed(image, context.config().allowedRegistries())) {
      return;
    }
    sink.report(
        workload.resource(),
        container,
        container.path()
            + ".image "
            + image
            + " is not from an allowed registry "
            + context.config().allowedRegistries());
  }

  static boolean isAllowed(String image, List<String> allowed) {
    String full = ImageReference.parse(image).fullName();
    for (String prefix : allowed) {
      if (image.startsWith(prefix) || full.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
