package dev.kube4c.findings;

import dev.kube4c.inventory.ResourceRef;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Layer;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.Location;
import java.util.List;
import java.util.Map;

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
    Frameworks frameworks,
    Map<String, List<String>> about) {

  public Finding {
    about = about == null ? Map.of() : Map.copyOf(about);
    // Findings repeat their messages ("Container app has no memory limit" on every copy of a
    // Deployment): 100k objects gave 362k findings with 9.5k distinct messages, and a copy each was
    // 58 MB of the heap until the report. The JVM's string table keeps one of each.
    message = message == null ? null : message.intern();
  }

  public static Finding of(
      RuleMetadata rule,
      Severity severity,
      String message,
      ResourceRef resource,
      Location location) {
    return of(rule, severity, message, resource, location, null);
  }

  /**
   * {@code about}: what the finding concerns beyond its object, by kind ({@code advisory}, {@code
   * package}, {@code image}), for exceptions; empty for most rules.
   */
  public static Finding of(
      RuleMetadata rule,
      Severity severity,
      String message,
      ResourceRef resource,
      Location location,
      Map<String, List<String>> about) {
    return new Finding(
        rule.id(),
        rule.title(),
        rule.area(),
        severity,
        message,
        resource,
        location,
        rule.remediation(),
        rule.frameworks(),
        about);
  }

  public Layer layer() {
    return area.layer();
  }
}
