package dev.kube4c.rules;

import dev.kube4c.inventory.Container;
import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.ResourceRef;
import dev.kube4c.source.Location;

/**
 * Where a rule reports what it found. The engine adds the rule's metadata, so a rule only says
 * where and what. Messages name the field path and the value found.
 */
public interface FindingSink {

  /**
   * The general form: any reference (even one without a file location) and an explicit severity.
   */
  void report(ResourceRef resource, Location location, String message, Severity severity);

  /**
   * A finding with what it is about beyond its object ({@code advisory}, {@code package}, {@code
   * image}), which config exceptions can name.
   */
  default void report(
      ResourceRef resource,
      Location location,
      String message,
      Severity severity,
      java.util.Map<String, java.util.List<String>> about) {
    report(resource, location, message, severity);
  }

  default void report(Resource resource, String message) {
    report(resource.ref(), resource.location(), message, null);
  }

  default void report(Resource resource, String message, Severity severity) {
    report(resource.ref(), resource.location(), message, severity);
  }

  default void report(Resource resource, Container container, String message) {
    report(resource.ref(container.name()), resource.location(), message, null);
  }

  default void report(Resource resource, Container container, String message, Severity severity) {
    report(resource.ref(container.name()), resource.location(), message, severity);
  }
}
