package dev.kube4c.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One input as detectors see it: its name, its text, the documents the YAML/JSON reader made of it,
 * and (for JSON text) the whole tree, top-level arrays included, plus the file location of any node
 * by JSON pointer. The JSON tree and locations are computed on first use only.
 */
public final class DetectorInput {

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(ManifestReader.MAX_DEPTH).build())
          .build();
  private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

  private final String file;
  private final String text;
  private final List<Document> documents;
  private Optional<JsonNode> json;

  public DetectorInput(String file, String text, List<Document> documents) {
    this.file = file;
    this.text = text;
    this.documents = List.copyOf(documents);
  }

  public String file() {
    return file;
  }

  public String text() {
    return text;
  }

  /**
   * The mapping documents of a YAML stream (or the object of a JSON file), with their start
   * locations.
   */
  public List<Document> documents() {
    return documents;
  }

  /**
   * The whole input as one JSON tree when it is JSON text (an object or an array); empty for YAML
   * or broken JSON.
   */
  public synchronized Optional<JsonNode> json() {
    if (json == null) {
      json = Optional.empty();
      if (startsWithJson(text)) {
        try {
          json = Optional.ofNullable(MAPPER.readTree(text));
        } catch (IOException e) {
          json = Optional.empty(); // the reader already reported the problem
        }
      }
    }
    return json;
  }

  /**
   * File locations of the objects at the given JSON pointers (one streaming pass over the text).
   */
  public Map<JsonPointer, Location> locate(Set<JsonPointer> pointers) {
    Map<JsonPointer, Location> found = new HashMap<>();
    if (pointers.isEmpty() || !startsWithJson(text)) {
      return found;
    }
    try (JsonParser parser = JSON.createParser(text)) {
      for (JsonToken token = parser.nextToken();
          token != null && found.size() < pointers.size();
          token = parser.nextToken()) {
        if (token == JsonToken.START_OBJECT) {
          JsonPointer here = parser.getParsingContext().pathAsPointer();
          if (pointers.contains(here)) {
            var at = parser.currentTokenLocation();
            found.put(
                here,
                new Location(file, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr())));
          }
        }
      }
    } catch (IOException e) {
      // locations are best effort; callers fall back to the file itself
    }
    return found;
  }

  private static boolean startsWithJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c == '{' || c == '[';
      }
    }
    return false;
  }
}
