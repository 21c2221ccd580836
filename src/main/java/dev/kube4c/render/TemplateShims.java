package dev.kube4c.render;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

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

  /**
   * For a packaged chart ({@code .tgz}), unpacked into {@code into} when one of its templates needs
   * rewriting: the unpacked chart folder, its templates rewritten; null when the archive renders as
   * it is (nothing is written then). Entries that would land outside {@code into} and archives that
   * unpack to more than Helm's own limit are refused, as Helm refuses them.
   */
  Path unpackIfNeeded(Path archive, Path into) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    boolean needed = false;
    long total = 0;
    // java.util.zip, not commons-compress: Helm writes a gzip extra field that commons-compress
    // 1.28 refuses ("Extra subfield length exceeds remaining bytes").
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive))))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (!entry.isFile()) {
          continue;
        }
        byte[] bytes = tar.readNBytes(MAX_UNPACKED + 1);
        total += bytes.length;
        if (total > MAX_UNPACKED) {
          throw new IOException("the chart unpacks to more than " + MAX_UNPACKED + " bytes");
        }
        String name = entry.getName();
        if (("/" + name + "/").matches(".*/templates/.*")) {
          String text = decode(bytes);
          String shimmed = text == null ? null : rewrite(text);
          if (shimmed != null && !shimmed.equals(text)) {
            bytes = shimmed.getBytes(StandardCharsets.UTF_8);
            needed = true;
          }
        }
        entries.put(name, bytes);
      }
    }
    if (!needed) {
      return null;
    }
    Path root = into.toAbsolutePath().normalize();
    String top = null;
    for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
      Path file = root.resolve(entry.getKey()).normalize();
      if (!file.startsWith(root) || file.equals(root)) {
        throw new IOException("archive entry " + entry.getKey() + " points outside the chart");
      }
      Files.createDirectories(file.getParent());
      Files.write(file, entry.getValue());
      top = top != null ? top : root.relativize(file).getName(0).toString();
    }
    return top == null ? null : root.resolve(top);
  }

  // Helm's own limit on a decompressed chart (pkg/chart/loader: 100 MiB).
  private static final int MAX_UNPACKED = 100 << 20;

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

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
