package dev.kube4c.rules.container;

import dev.kube4c.images.ImageVerdict;
import dev.kube4c.inventory.Container;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.ContainerRule;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;

/**
 * Reports containers whose image got one verdict from --verify-images (missing or invalid
 * signature).
 */
abstract class ImageSignatureRule extends ContainerRule {

  private final ImageVerdict.Status status;
  private final RuleMetadata metadata;

  ImageSignatureRule(ImageVerdict.Status status, RuleMetadata metadata) {
    this.status = status;
    this.metadata = metadata;
  }

  @Override
  public RuleMetadata metadata() {
    return metadata;
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
        .filter(v -> v.status() == status)
        .ifPresent(
            v ->
                sink.report(
                    workload.resource(),
                    container,
                    container.path() + ".image " + container.image() + ": " + v.detail()));
  }
}
