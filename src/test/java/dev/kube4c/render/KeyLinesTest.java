package dev.kube4c.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Field paths found in YAML-shaped text by indentation, list items included. */
class KeyLinesTest {

  private static final String POD =
      String.join(
          "\n",
          "spec:", // 1
          "  containers:", // 2
          "  - name: app", // 3
          "    image: app:1", // 4
          "    securityContext:", // 5
          "      capabilities:", // 6
          "        drop:", // 7
          "          - ALL", // 8
          "  - name: proxy", // 9
          "    image: proxy:1", // 10
          "  volumes:", // 11
          "    - name: data", // 12
          "");

  @Test
  void listItemsAreCountedInBothDashStyles() {
    KeyLines keys = KeyLines.of(POD, 1, Integer.MAX_VALUE);

    assertThat(keys.locate("spec.containers[0].image").line()).isEqualTo(4);
    assertThat(keys.locate("spec.containers[1].image").line()).isEqualTo(10);
    assertThat(keys.locate("spec.containers[1].name").line()).isEqualTo(9);
    assertThat(keys.locate("spec.volumes[0].name").line()).isEqualTo(12);
    assertThat(keys.locate("spec.containers[0].securityContext.capabilities.drop").line())
        .isEqualTo(7);
  }

  @Test
  void aFieldBelowWhatIsWrittenFindsItsNearestWrittenParentInTheSameItem() {
    KeyLines keys = KeyLines.of(POD, 1, Integer.MAX_VALUE);

    assertThat(keys.locate("spec.containers[1].securityContext.privileged").line())
        .as("the second item writes no securityContext: the item's own key, not the first item's")
        .isEqualTo(9);
  }

  @Test
  void itemsMadeByARangeFallBackToTheItemTheTemplateWrites() {
    String template =
        String.join(
            "\n",
            "spec:",
            "  containers:",
            "  {{- range .Values.containers }}",
            "  - name: {{ .name }}",
            "    image: {{ .image }}",
            "  {{- end }}",
            "");
    KeyLines keys = KeyLines.of(template, 1, Integer.MAX_VALUE);

    assertThat(keys.locate("spec.containers[2].image").line()).isEqualTo(5);
    assertThat(keys.locate("spec.containers[0].image").line()).isEqualTo(5);
  }

  @Test
  void fieldPathsSplitIntoKeysAndItems() {
    assertThat(KeyLines.indexedKeysOf("spec.containers[1].ports[0].hostPort"))
        .containsExactly("spec", "containers", "[1]", "ports", "[0]", "hostPort");
    assertThat(KeyLines.keysOf("spec.containers[1].image"))
        .containsExactly("spec", "containers", "image");
  }
}
