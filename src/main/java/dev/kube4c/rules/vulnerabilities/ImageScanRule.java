package dev.kube4c.rules.vulnerabilities;

import dev.kube4c.inventory.Container;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.ContainerRule;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.vuln.ImageScan;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rule on what {@code scan --images} learnt about each container's image: at most one finding per
 * container, "{@code <path>.image <image>: <detail>}", tagged with the image for exceptions.
 */
abstract class ImageScanRule extends ContainerRule {

  private final RuleMetadata metadata;

  ImageScanRule(RuleMetadata metadata) {
    this.metadata = metadata;
  }

  /** What to report about the scanned image, or empty when it is fine. */
  abstract Optional<String> detail(ImageScan scan, RuleContext context);

  @Override
  public final RuleMetadata metadata() {
    return metadata;
  }

  @Override
  public final boolean isActive(RuleContext context) {
    return context.vulnerabilities().enabled();
  }

  @Override
  protected final void check(
      Workload workload, Container container, RuleContext context, FindingSink sink) {
    context
        .vulnerabilities()
        .scan(container.image())
        .flatMap(scan -> detail(scan, context))
        .ifPresent(
            detail ->
                sink.report(
                    workload.resource().ref(container.name()),
                    workload.resource().location(),
                    container.path() + ".image " + container.image() + ": " + detail,
                    null,
                    Map.of("image", List.of(container.image()))));
  }
}
