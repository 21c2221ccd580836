package dev.kube4c.render;

import dev.kube4c.source.Location;
import dev.kube4c.source.Renderer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a rendered field in its Helm template: the template line that writes the field (or its
 * nearest written parent, when the rest comes from a {@code toYaml} of values), and the values key
 * and file line the value came from when the template takes it from {@code .Values}.
 */
final class TemplateFields implements Renderer.FieldLocator {

  // .Values.a.b, also inside toYaml/default/quote; the key ends at the first non-key character.
  private static final Pattern VALUES_REF = Pattern.compile("\\.Values((?:\\.[A-Za-z0-9_-]+)+)");
  private static final Pattern TO_YAML =
      Pattern.compile("toYaml\\s+\\(?\\s*\\.Values((?:\\.[A-Za-z0-9_-]+)+)");

  private final String file;
  private final KeyLines template;
  private final List<ValuesSource> values;
  private final Map<String, String> sets;

  /**
   * A values file as reports name it, and its keys; later sources override earlier ones. {@code
   * keys} is null for a file that could not be read.
   */
  record ValuesSource(String name, KeyLines keys) {}

  TemplateFields(
      String file, KeyLines template, List<ValuesSource> values, Map<String, String> sets) {
    this.file = file;
    this.template = template;
    this.values = List.copyOf(values);
    this.sets = Map.copyOf(sets);
  }

  @Override
  public Optional<Renderer.FieldOrigin> locate(String fieldPath) {
    List<String> keys = KeyLines.keysOf(fieldPath);
    KeyLines.Entry entry = template.locate(fieldPath);
    if (entry == null) {
      return Optional.empty();
    }
    Location at = new Location(file, entry.line(), entry.column());
    String valuesKey = valuesKey(entry, keys);
    return Optional.of(new Renderer.FieldOrigin(at, valuesKey == null ? null : origin(valuesKey)));
  }

  /** The values key the field's value comes from, or null when the template writes it itself. */
  private String valuesKey(KeyLines.Entry entry, List<String> keys) {
    List<String> rest = keys.subList(entry.path().size(), keys.size());
    if (rest.isEmpty()) {
      Matcher ref = VALUES_REF.matcher(entry.text());
      return ref.find() ? ref.group(1).substring(1) : null;
    }
    // The field is below what the template writes: a toYaml of values fills the block.
    Matcher toYaml = TO_YAML.matcher(template.block(entry));
    if (!toYaml.find()) {
      return null;
    }
    return toYaml.group(1).substring(1) + "." + String.join(".", rest);
  }

  /**
   * "values.yaml:42 securityContext.privileged", "--set securityContext.privileged", or the key.
   */
  private String origin(String key) {
    if (sets.containsKey(key)) {
      return "--set " + key;
    }
    List<String> path = List.of(key.split("\\."));
    for (int i = values.size() - 1; i >= 0; i--) {
      ValuesSource source = values.get(i);
      KeyLines.Entry entry = source.keys() == null ? null : source.keys().exact(path);
      if (entry != null) {
        return source.name() + ":" + entry.line() + " " + key;
      }
    }
    return "values key " + key;
  }
}
