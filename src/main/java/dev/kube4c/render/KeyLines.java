package dev.kube4c.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mapping keys of a YAML-shaped text (a Helm template or a values file) by line, with their key
 * path from indentation alone, so that it also works on templates that are not YAML until rendered.
 * List items written in the text are counted, so {@code containers[1].image} finds the second
 * item's {@code image:}; items a {@code range} makes fall back to the item the template writes.
 */
final class KeyLines {

  /**
   * One {@code key:} line: 1-based line and column, the keys leading to it, and the same with list
   * items as "[i]" steps ({@code indexed}).
   */
  record Entry(int line, int column, List<String> path, List<String> indexed, String text) {}

  // Optional list dashes, then a plain or quoted key, then ':' and a space or the line's end.
  private static final Pattern KEY =
      Pattern.compile("^((?:\\s*-\\s+)*)\\s*(\"[^\"]+\"|'[^']+'|[A-Za-z0-9_.$/-]+)\\s*:(\\s|$)");

  private static final Pattern DASH = Pattern.compile("^\\s*-(\\s|$)");

  private final List<Entry> entries;
  private final String[] lines;

  private KeyLines(List<Entry> entries, String[] lines) {
    this.entries = entries;
    this.lines = lines;
  }

  /**
   * What is open at a line: a key (column of its name) or a list item (column of its dash), with
   * its indexed path and, for keys, how many list items it has had so far.
   */
  private static final class Open {
    final int column;
    final boolean item;
    final List<String> indexed;
    int items;

    Open(int column, boolean item, List<String> indexed) {
      this.column = column;
      this.item = item;
      this.indexed = indexed;
    }
  }

  /** Reads lines {@code from} (1-based, inclusive) to {@code to} (exclusive) of {@code text}. */
  static KeyLines of(String text, int from, int to) {
    String[] lines = text.split("\n", -1);
    List<Entry> entries = new ArrayList<>();
    List<Open> open = new ArrayList<>();
    for (int i = Math.max(1, from); i < Math.min(to, lines.length + 1); i++) {
      String line = lines[i - 1];
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("{{")) {
        continue;
      }
      Matcher m = KEY.matcher(line);
      boolean key = m.find();
      int indent = line.length() - line.stripLeading().length();
      if (key ? !m.group(1).isEmpty() : DASH.matcher(line).find()) {
        openItem(indent, open);
      } else if (!key) {
        popTo(indent, open); // a scalar line closes what is deeper than it
        continue;
      }
      if (!key) {
        continue;
      }
      int column = m.start(2);
      popTo(column, open);
      String name = m.group(2);
      if (name.startsWith("\"") || name.startsWith("'")) {
        name = name.substring(1, name.length() - 1);
      }
      List<String> indexed =
          new ArrayList<>(open.isEmpty() ? List.of() : open.get(open.size() - 1).indexed);
      indexed.add(name);
      open.add(new Open(column, false, List.copyOf(indexed)));
      entries.add(new Entry(i, column + 1, withoutItems(indexed), List.copyOf(indexed), line));
    }
    return new KeyLines(entries, lines);
  }

  /** A dash at {@code column} starts the next item of the key (or item) that holds it. */
  private static void openItem(int column, List<Open> open) {
    while (!open.isEmpty()) {
      Open last = open.get(open.size() - 1);
      if (last.item ? last.column < column : last.column <= column) {
        break;
      }
      open.remove(open.size() - 1);
    }
    List<String> indexed = new ArrayList<>();
    int index = 0;
    if (!open.isEmpty()) {
      Open parent = open.get(open.size() - 1);
      indexed.addAll(parent.indexed);
      index = parent.items++;
    }
    indexed.add("[" + index + "]");
    open.add(new Open(column, true, List.copyOf(indexed)));
  }

  private static void popTo(int column, List<Open> open) {
    while (!open.isEmpty() && open.get(open.size() - 1).column >= column) {
      open.remove(open.size() - 1);
    }
  }

  private static List<String> withoutItems(List<String> indexed) {
    return indexed.stream().filter(step -> !step.startsWith("[")).toList();
  }

  /**
   * The entry for a field path as rule messages write it ({@code containers[1].image}): the deepest
   * written key on the way, in the right list item (the item's first key when nothing deeper is
   * written). When the template does not write that item (a range makes the items), the deepest key
   * by name alone, usually in the item the range writes.
   */
  Entry locate(String fieldPath) {
    List<String> indexed = indexedKeysOf(fieldPath);
    Entry byItem = null;
    for (Entry entry : entries) {
      if (isPrefix(entry.indexed(), indexed)
          && (byItem == null || entry.indexed().size() > byItem.indexed().size())) {
        byItem = entry;
      }
    }
    int depth = byItem == null ? 0 : byItem.indexed().size();
    if (depth < indexed.size() && indexed.get(depth).startsWith("[")) {
      // The item itself (at its dash) when the template writes it, else the name-only match.
      List<String> item = List.copyOf(indexed.subList(0, depth + 1));
      return entries.stream()
          .filter(entry -> isPrefix(item, entry.indexed()))
          .findFirst()
          .map(first -> itemAt(first, item))
          .orElseGet(() -> longestPrefix(withoutItems(indexed)));
    }
    return byItem;
  }

  /** A list item as an entry: the line and dash of its first key, and the item's path. */
  private static Entry itemAt(Entry first, List<String> item) {
    int dash = first.text().indexOf('-');
    int column = dash >= 0 && dash < first.column() - 1 ? dash + 1 : first.column();
    return new Entry(first.line(), column, withoutItems(item), item, first.text());
  }

  /**
   * The entry whose path is the longest prefix of {@code path}; null when not even the first key.
   */
  Entry longestPrefix(List<String> path) {
    Entry best = null;
    for (Entry entry : entries) {
      if (isPrefix(entry.path(), path)
          && (best == null || entry.path().size() > best.path().size())) {
        best = entry;
      }
    }
    return best;
  }

  private static boolean isPrefix(List<String> prefix, List<String> of) {
    return prefix.size() <= of.size() && prefix.equals(of.subList(0, prefix.size()));
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
    return withoutItems(indexedKeysOf(fieldPath));
  }

  /** Splits {@code a.b[1].c} into a, b, [1], c. */
  static List<String> indexedKeysOf(String fieldPath) {
    List<String> keys = new ArrayList<>();
    Matcher step = STEP.matcher(fieldPath);
    while (step.find()) {
      keys.add(step.group());
    }
    return keys;
  }

  private static final Pattern STEP = Pattern.compile("\\[\\d+]|[^.\\[\\]]+");
}
