package dev.kube4c.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kube4c.source.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where an expression of a policy is written: the file line and column of a position inside a
 * CEL expression, as {@code kubectl apply} would point at it. Only used to report a compile error,
 * so the file is read again then rather than keeping positions for every field.
 */
final class ExpressionLocator {

  private ExpressionLocator() {}

  /**
   * @param document where the policy object starts
   * @param path field names and list indexes from the object's root to the expression
   * @param line 1-based line inside the expression
   * @param column 0-based column inside that line of the expression
   */
  static Location locate(Location document, List<Object> path, int line, int column) {
    if (document == null || document.file() == null || document.line() <= 0) {
      return document;
    }
    try {
      Path file = Path.of(document.file());
      if (!Files.isRegularFile(file)) {
        return document;
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      JsonLocation at = find(String.join("\n", lines), document.line(), path);
      if (at == null) {
        return document;
      }
      int scalarLine = at.getLineNr();
      int scalarColumn = at.getColumnNr();
      String text = lines.get(scalarLine - 1);
      char first = scalarColumn - 1 < text.length() ? text.charAt(scalarColumn - 1) : ' ';
      if (first == '|' || first == '>') {
        int contentLine = scalarLine + line; // block content starts on the next line
        String content = contentLine - 1 < lines.size() ? lines.get(contentLine - 1) : "";
        int indent = content.length() - content.stripLeading().length();
        return new Location(document.file(), contentLine, indent + column + 1);
      }
      int quote = first == '"' || first == '\'' ? 1 : 0;
      return line <= 1
          ? new Location(document.file(), scalarLine, scalarColumn + quote + column)
          : new Location(document.file(), scalarLine + line - 1, column + 1);
    } catch (IOException | RuntimeException e) {
      return document;
    }
  }

  /** The location of the scalar at {@code path} in the document nearest {@code documentLine}. */
  private static JsonLocation find(String text, int documentLine, List<Object> path)
      throws IOException {
    JsonLocation best = null;
    int bestDistance = Integer.MAX_VALUE;
    try (JsonParser parser = new YAMLFactory().createParser(text)) {
      List<Object> current = new ArrayList<>();
      List<Integer> indexes = new ArrayList<>(); // per open array: next index; -1 for objects
      JsonLocation rootStart = null;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (indexes.isEmpty() && token == JsonToken.START_OBJECT) {
          rootStart = parser.currentTokenLocation();
        }
        if (token == JsonToken.FIELD_NAME) {
          setLast(current, indexes, parser.currentName());
          continue;
        }
        if (!indexes.isEmpty() && indexes.get(indexes.size() - 1) >= 0) {
          int next = indexes.get(indexes.size() - 1);
          indexes.set(indexes.size() - 1, next + 1);
          setLast(current, indexes, next);
        }
        switch (token) {
          case START_OBJECT -> {
            indexes.add(-1);
            current.add(null);
          }
          case START_ARRAY -> {
            indexes.add(0);
            current.add(null);
          }
          case END_OBJECT, END_ARRAY -> {
            indexes.remove(indexes.size() - 1);
            current.remove(current.size() - 1);
          }
          default -> {
            if (current.equals(path) && rootStart != null) {
              int distance = Math.abs(rootStart.getLineNr() - documentLine);
              if (distance < bestDistance) {
                best = parser.currentTokenLocation();
                bestDistance = distance;
              }
            }
          }
        }
      }
    }
    return best;
  }

  private static void setLast(List<Object> current, List<Integer> indexes, Object key) {
    if (!current.isEmpty()) {
      current.set(current.size() - 1, key);
    }
  }
}
