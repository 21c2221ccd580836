package dev.kube4c.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where helm-java's template differs from {@code helm template}, the chart's templates rewritten so
 * that they render as {@code helm template} renders them:
 *
 * <ul>
 *   <li>{@code lookup} answers an empty object, as it does without a cluster (helm-java asks a
 *       cluster at localhost:8080, fails the render and logs to stderr);
 *   <li>{@code .Capabilities.APIVersions.Has "X"} is true for every X given with --api-versions,
 *       which helm-java has no way to pass.
 * </ul>
 *
 * Rewrites happen inside template actions only, outside string literals (but for the literal that
 * Has tests), and never add or remove a line, so template lines in findings and errors stay right.
 */
final class TemplateShims {

  private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"|`[^`]*`");
  // "lookup" as a function name: not a field (.lookup), a variable ($lookup) or part of a word.
  private static final Pattern LOOKUP = Pattern.compile("(?<![\\w.$])lookup(?=\\s)");
  // pick from an empty dict takes lookup's four string arguments and gives an empty map.
  private static final String EMPTY_LOOKUP = "pick (dict)";
  private static final Pattern HAS =
      Pattern.compile("[\\w$.]*\\.Capabilities\\.APIVersions\\.Has\\s+\"([^\"]*)\"");

  private final Set<String> apiVersions;

  TemplateShims(List<String> apiVersions) {
    this.apiVersions = Set.copyOf(apiVersions);
  }

  /**
   * The chart's template files (its own and its unpacked subcharts') that need rewriting, by path
   * relative to the chart, with their new text; empty when the chart renders as it is.
   */
  Map<String, String> rewrites(Path chart) {
    Map<String, String> rewritten = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(chart)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String relative = chart.relativize(file).toString().replace('\\', '/');
        if (!Files.isRegularFile(file) || !(relative + "/").matches("(.*/)?templates/.*")) {
          continue;
        }
        String text = read(file);
        String shimmed = text == null ? null : rewrite(text);
        if (shimmed != null && !shimmed.equals(text)) {
          rewritten.put(relative, shimmed);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return Map.of(); // Helm reads the chart itself and reports what it cannot read
    }
    return rewritten;
  }

  /** The template text with the rewrites applied; the same string when none applies. */
  String rewrite(String template) {
    if (!inAnAction(template, "lookup")
        && (apiVersions.isEmpty() || !inAnAction(template, "APIVersions.Has"))) {
      return template;
    }
    Matcher action = ACTION.matcher(template);
    StringBuilder out = new StringBuilder(template.length());
    while (action.find()) {
      action.appendReplacement(
          out, Matcher.quoteReplacement("{{" + rewriteAction(action.group(1)) + "}}"));
    }
    action.appendTail(out);
    return out.toString();
  }

  /**
   * Whether {@code word} occurs inside a {@code {{ }}} action: one pass, so that large CRD
   * templates whose descriptions say "lookup" cost a scan, not a regex over every action.
   */
  private static boolean inAnAction(String text, String word) {
    for (int open = text.indexOf("{{"); open >= 0; ) {
      int close = text.indexOf("}}", open + 2);
      int end = close < 0 ? text.length() : close;
      int at = text.indexOf(word, open + 2);
      if (at >= 0 && at < end) {
        return true;
      }
      if (close < 0 || at < 0) {
        return false;
      }
      open = text.indexOf("{{", close + 2);
    }
    return false;
  }

  private String rewriteAction(String action) {
    Matcher has = HAS.matcher(action);
    StringBuilder withHas = new StringBuilder(action.length());
    while (has.find()) {
      has.appendReplacement(
          withHas,
          Matcher.quoteReplacement(apiVersions.contains(has.group(1)) ? "true" : has.group()));
    }
    has.appendTail(withHas);
    // Rewrite lookup only between string literals.
    String text = withHas.toString();
    Matcher string = STRING.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    while (string.find()) {
      out.append(LOOKUP.matcher(text.substring(from, string.start())).replaceAll(EMPTY_LOOKUP));
      out.append(string.group());
      from = string.end();
    }
    out.append(LOOKUP.matcher(text.substring(from)).replaceAll(EMPTY_LOOKUP));
    return out.toString();
  }

  private static String read(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      return null; // not a text template: leave it to Helm
    }
  }
}
