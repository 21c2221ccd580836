package dev.kube4c.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.findings.Finding;
import dev.kube4c.inventory.ResourceRef;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.Location;
import dev.kube4c.source.Renderer;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Moving a finding from its rendered object to the template line that writes its field. */
class ProvenanceTest {

  private static final Location OBJECT = new Location("chart/templates/deploy.yaml", 1, 1);
  private static final Location FIELD_LINE = new Location("chart/templates/deploy.yaml", 20, 11);

  private static Finding finding() {
    return new Finding(
        "container-privileged",
        "Container runs privileged",
        Area.values()[0],
        Severity.CRITICAL,
        "spec.template.spec.containers[0].securityContext.privileged is true",
        new ResourceRef("apps/v1", "Deployment", "shop", "web", "app"),
        OBJECT,
        "Remove it.",
        Frameworks.NONE,
        Map.of());
  }

  @Test
  void aFindingMovesToTheFieldLineWithTheValuesOrigin() {
    Renderer.FieldLocator locator =
        path -> Optional.of(new Renderer.FieldOrigin(FIELD_LINE, "values.yaml:17 privileged"));

    Finding moved = Provenance.refine(finding(), Map.of(OBJECT, locator));

    assertThat(moved.location()).isEqualTo(FIELD_LINE);
    assertThat(moved.message()).endsWith("(value from values.yaml:17 privileged)");
  }

  @Test
  void aLocatorThatFailsLeavesTheFindingAtItsObject() {
    Renderer.FieldLocator failing =
        path -> {
          throw new IndexOutOfBoundsException("fromIndex(3) > toIndex(2)");
        };

    Finding kept = Provenance.refine(finding(), Map.of(OBJECT, failing));

    assertThat(kept).isEqualTo(finding());
  }
}
