package dev.kube4c.findings;

import dev.kube4c.inventory.ResourceRef;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Layer;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.Location;

/**
 * One problem found by one rule on one object (and container). {@code location} is null for objects
 * not read from a file.
 */
public record Finding(
    String ruleId,
    String title,
    Area area,
    Severity severity,
    String message,
    ResourceRef resource,
    Location location,
    String remediation,
    Frameworks frameworks) {

  public static Finding of(
      RuleMetadata rule,
      Severity severity,
      String message,
      ResourceRef resource,
      Location location) {
    return new Finding(
        rule.id(),
        rule.title(),
        rule.area(),
        severity,
        message,
        resource,
        location,
        rule.remediation(),
        rule.frameworks());
  }

  public Layer layer() {
    return area.layer();
  }
}
