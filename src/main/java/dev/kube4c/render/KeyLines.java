package dev.kube4c.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mapping keys of a YAML-shaped text (a Helm template or a values file) by line, with their key
 * path from indentation alone, so that it also works on templates that are not YAML until rendered.
 * List indexes are not tracked: {@code containers[0].image} and {@code containers[1].image} both
 * find the first {@code image:} under {@code containers:}.
 */
final class KeyLines {

  /** One {@code key:} line: 1-based line and column, and the keys leading to it. */
  record Entry(int line, int column, List<String> path, String text) {}

  // Optional list dashes, then a plain or quoted key, then ':' and a space or the line's end.
  private static final Pattern KEY =
      Pattern.compile("^((?:\\s*-\\s+)*)\\s*(\"[^\"]+\"|'[^']+'|[A-Za-z0-9_.$/-]+)\\s*:(\\s|$)");

  private final List<Entry> entries;
  private final String[] lines;

  private KeyLines(List<Entry> entries, String[] lines) {
    this.entries = entries;
    this.lines = lines;
  }

  /** Reads lines {@code from} (1-based, inclusive) to {@code to} (exclusive) of {@code text}. */
  static KeyLines of(String text, int from, int to) {
    String[] lines = text.split("\n", -1);
    List<Entry> entries = new ArrayList<>();
    List<int[]> indents = new ArrayList<>(); // parallel to keys: the column of each open key
    List<String> keys = new ArrayList<>();
    for (int i = Math.max(1, from); i < Math.min(to, lines.length + 1); i++) {
      String line = lines[i - 1];
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("{{")) {
        continue;
      }
      Matcher m = KEY.matcher(line);
      int column;
      if (!m.find()) {
        // A list item or scalar line closes the keys that are deeper than it.
        column = line.length() - line.stripLeading().length();
        popTo(column, indents, keys);
        continue;
      }
      column = m.start(2);
      popTo(column, indents, keys);
      String key = m.group(2);
      if (key.startsWith("\"") || key.startsWith("'")) {
        key = key.substring(1, key.length() - 1);
      }
      keys.add(key);
      indents.add(new int[] {column});
      entries.add(new Entry(i, column + 1, List.copyOf(keys), line));
    }
    return new KeyLines(entries, lines);
  }

  private static void popTo(int column, List<int[]> indents, List<String> keys) {
    while (!indents.isEmpty() && indents.get(indents.size() - 1)[0] >= column) {
      indents.remove(indents.size() - 1);
      keys.remove(keys.size() - 1);
    }
  }

  /**
   * The entry whose path is the longest prefix of {@code path}; null when not even the first key.
   */
  Entry longestPrefix(List<String> path) {
    Entry best = null;
    for (Entry entry : entries) {
      List<String> keys = entry.path();
      if (keys.size() <= path.size()
          && keys.equals(path.subList(0, keys.size()))
          && (best == null || keys.size() > best.path().size())) {
        best = entry;
      }
    }
    return best;
  }

  /** The entry with exactly this path, or null. */
  Entry exact(List<String> path) {
    for (Entry entry : entries) {
      if (entry.path().equals(path)) {
        return entry;
      }
    }
    return null;
  }

  /**
   * The text of an entry's line and of the lines after it that are indented deeper (its block),
   * where a {@code toYaml .Values.x} usually sits.
   */
  String block(Entry entry) {
    StringBuilder out = new StringBuilder(entry.text());
    int indent = entry.column() - 1;
    for (int i = entry.line(); i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      int own = line.length() - line.stripLeading().length();
      if (own <= indent) {
        break;
      }
      out.append('\n').append(line);
    }
    return out.toString();
  }

  /** Splits a field path as rule messages write it into keys, dropping list indexes. */
  static List<String> keysOf(String fieldPath) {
    List<String> keys = new ArrayList<>();
    for (String part : fieldPath.split("\\.")) {
      int bracket = part.indexOf('[');
      String key = bracket >= 0 ? part.substring(0, bracket) : part;
      if (!key.isEmpty()) {
        keys.add(key);
      }
    }
    return keys;
  }
}
