package dev.kube4c.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Template rewrites that make helm-java render as {@code helm template} does. */
class TemplateShimsTest {

  private final TemplateShims shims = new TemplateShims(List.of("monitoring.coreos.com/v1"));

  @Test
  void lookupBecomesAnEmptyObjectInActionsOnly() {
    String template =
        "{{- $s := lookup \"v1\" \"Secret\" .Release.Namespace \"x\" }}\n"
            + "note: lookup stays in text\n"
            + "{{ .Values.lookup }} {{ $lookup }} {{ \"a lookup in a string\" }}\n"
            + "{{ (lookup \"v1\" \"ConfigMap\" \"\" \"\").items }}\n";

    String rewritten = shims.rewrite(template);

    assertThat(rewritten)
        .contains("{{- $s := pick (dict) \"v1\" \"Secret\" .Release.Namespace \"x\" }}")
        .contains("note: lookup stays in text")
        .contains("{{ .Values.lookup }} {{ $lookup }} {{ \"a lookup in a string\" }}")
        .contains("{{ (pick (dict) \"v1\" \"ConfigMap\" \"\" \"\").items }}");
    assertThat(rewritten.lines().count()).isEqualTo(template.lines().count());
  }

  @Test
  void hasIsTrueOnlyForTheGivenApiVersions() {
    String template =
        "{{- if and (.Capabilities.APIVersions.Has \"monitoring.coreos.com/v1\")\n"
            + "  ($.Capabilities.APIVersions.Has \"example.com/v1\") }}\n";

    assertThat(shims.rewrite(template))
        .isEqualTo("{{- if and (true)\n  ($.Capabilities.APIVersions.Has \"example.com/v1\") }}\n");
    assertThat(new TemplateShims(List.of()).rewrite(template)).isEqualTo(template);
  }
}
