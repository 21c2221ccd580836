package dev.kube4c.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns the bytes of one input into documents with their locations. YAML streams are split on
 * document markers first, so one broken document does not hide the others. Limits on nesting,
 * aliases and size keep hostile input (YAML bombs, deep nesting) from exhausting memory or stack.
 */
public final class ManifestReader {

  /**
   * Deeper than any real manifest (CRD schemas reach about 40); deep input is refused, not
   * recursed.
   */
  public static final int MAX_DEPTH = 200;

  /** Real manifests use a handful of aliases to collections; more is an alias bomb. */
  public static final int MAX_ALIASES = 50;

  private static final int MAX_DOCUMENT_CHARS = 32 * 1024 * 1024;

  private final YAMLFactory yaml;
  private final JsonFactory json;
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;
  private final AliasingYamlReader aliasing = new AliasingYamlReader();
  private final boolean fastPath;

  /** Texts that repeat across the files this reader reads. */
  private final SharedTexts shared = new SharedTexts();

  public ManifestReader() {
    this(true);
  }

  /**
   * With {@code fastPath} false, every YAML document goes through the general parser; tests compare
   * the two ways.
   */
  ManifestReader(boolean fastPath) {
    this.fastPath = fastPath;
    LoaderOptions options = new LoaderOptions();
    options.setNestingDepthLimit(MAX_DEPTH + 10);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setCodePointLimit(MAX_DOCUMENT_CHARS);
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH + 10)
            .maxStringLength(MAX_DOCUMENT_CHARS)
            .build();
    this.yaml =
        YAMLFactory.builder().loaderOptions(options).streamReadConstraints(constraints).build();
    this.json = JsonFactory.builder().streamReadConstraints(constraints).build();
  }

  /** What one file gave. */
  public record Result(List<Document> documents, List<InputProblem> problems) {}

  /** Reads every document of {@code bytes}; never throws for bad content. */
  public Result read(String file, byte[] bytes) {
    List<Document> documents = new ArrayList<>();
    List<InputProblem> problems = new ArrayList<>();
    int nul = indexOfNul(bytes);
    if (nul >= 0) {
      problems.add(
          new InputProblem(
              Location.of(file), "binary file (NUL byte at offset " + nul + "), not a manifest"));
      return new Result(documents, problems);
    }
    String text;
    try {
      text = decodeUtf8(bytes);
    } catch (CharacterCodingException e) {
      problems.add(invalidUtf8(file, bytes));
      return new Result(documents, problems);
    }
    TreeNodes parts = new TreeNodes(shared);
    if (looksLikeJson(text)) {
      readOne(file, text, 1, json, documents, problems, parts);
    } else {
      for (Chunk chunk : splitYaml(text)) {
        if (!fastPath || !readCommon(file, chunk, documents, parts)) {
          readOne(file, chunk.text, chunk.firstLine, yaml, documents, problems, parts);
        }
      }
    }
    return new Result(documents, problems);
  }

  record Chunk(String text, int firstLine) {}

  /**
   * Reads a YAML document with {@link CommonYamlReader}; false when it declined, and the general
   * parser is to read it.
   */
  private static boolean readCommon(String file, Chunk chunk, List<Document> out, TreeNodes parts) {
    CommonYamlReader.Parsed parsed =
        CommonYamlReader.read(file, chunk.text, chunk.firstLine, parts);
    if (parsed == null) {
      return false;
    }
    if (parsed.tree() != null) {
      expandList(parsed.tree(), parsed.location(), parsed.itemLocations(), out);
    }
    return true;
  }

  /**
   * Splits a YAML stream at lines that start with "---" or "..." (always document markers at column
   * 1).
   */
  static List<Chunk> splitYaml(String text) {
    List<Chunk> chunks = new ArrayList<>();
    int start = 0;
    int startLine = 1;
    int line = 1;
    int pos = 0;
    int length = text.length();
    while (pos < length) {
      int end = text.indexOf('\n', pos);
      if (end < 0) {
        end = length;
      }
      if (pos > start && isMarker(text, pos, end)) {
        chunks.add(new Chunk(text.substring(start, pos), startLine));
        start = pos;
        startLine = line;
      }
      pos = end + 1;
      line++;
    }
    if (start < length) {
      chunks.add(new Chunk(text.substring(start), startLine));
    }
    return chunks;
  }

  private static boolean isMarker(String text, int pos, int end) {
    if (end - pos < 3) {
      return false;
    }
    boolean dashes = text.startsWith("---", pos);
    boolean dots = text.startsWith("...", pos);
    return (dashes || dots) && (end - pos == 3 || Character.isWhitespace(text.charAt(pos + 3)));
  }

  private void readOne(
      String file,
      String text,
      int firstLine,
      JsonFactory factory,
      List<Document> out,
      List<InputProblem> problems,
      TreeNodes parts) {
    int mark = parts.mark();
    try (JsonParser parser = factory.createParser(text)) {
      TreeBuilder builder = new TreeBuilder(parser, parts);
      JsonToken first = parser.nextToken();
      while (first != null) {
        Location location = location(file, parser.currentTokenLocation(), firstLine);
        if (first == JsonToken.START_OBJECT) {
          List<Location> itemLocations = new ArrayList<>();
          ObjectNode tree = builder.readTop(file, firstLine, itemLocations);
          expandList(tree, location, itemLocations, out);
        } else {
          builder.read(first, 0); // scalars and lists at the top are not manifests: read and drop
        }
        first = parser.nextToken();
      }
    } catch (UsesAliases e) {
      parts.truncate(mark);
      readWithAliases(file, text, firstLine, out, problems);
    } catch (RefusedInput e) {
      parts.truncate(mark);
      problems.add(new InputProblem(e.location, e.getMessage()));
    } catch (JsonProcessingException e) {
      parts.truncate(mark);
      problems.add(new InputProblem(location(file, e.getLocation(), firstLine), reason(e)));
    } catch (IOException e) {
      parts.truncate(mark);
      problems.add(
          new InputProblem(new Location(file, firstLine, 1), "cannot read: " + e.getMessage()));
    }
  }

  /**
   * Builds trees from Jackson's tokens, keeping the locations of List items and counting YAML
   * aliases; the nodes are {@link TreeNodes}'s.
   */
  private final class TreeBuilder {
    private final JsonParser parser;
    private final TreeNodes parts;
    private String file;
    private int firstLine;

    TreeBuilder(JsonParser parser, TreeNodes parts) {
      this.parser = parser;
      this.parts = parts;
    }

    /** Reads a top-level object; the start of each element of its "items" goes to itemLocations. */
    ObjectNode readTop(String file, int firstLine, List<Location> itemLocations)
        throws IOException {
      this.file = file;
      this.firstLine = firstLine;
      ObjectNode object = parts.editableObject();
      for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
        String name = parts.key(parser.currentName());
        JsonToken value = parser.nextToken();
        if (name.equals("items") && value == JsonToken.START_ARRAY) {
          ArrayNode items = nodes.arrayNode();
          for (JsonToken i = parser.nextToken(); i != JsonToken.END_ARRAY; i = parser.nextToken()) {
            itemLocations.add(here());
            items.add(read(i, 2, TreeNodes.TOP));
          }
          object.set(name, items);
        } else {
          object.set(name, read(value, 1, TreeNodes.childPart(TreeNodes.TOP, name)));
        }
      }
      return object;
    }

    /** An object the inventory may edit (see {@link TreeNodes}). */
    private ObjectNode editable(int depth, int part) throws IOException {
      ObjectNode object = parts.editableObject();
      for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
        String name = parts.key(parser.currentName());
        object.set(name, read(parser.nextToken(), depth + 1, TreeNodes.childPart(part, name)));
      }
      return object;
    }

    private ObjectNode compact(int depth) throws IOException {
      int start = parts.mark();
      for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
        String name = parts.key(parser.currentName());
        parts.push(name, read(parser.nextToken(), depth + 1, TreeNodes.NESTED));
      }
      return parts.objectSince(start);
    }

    private ArrayNode array(int depth) throws IOException {
      int start = parts.mark();
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
        parts.push(null, read(t, depth + 1, TreeNodes.NESTED));
      }
      return parts.arraySince(start);
    }

    JsonNode read(JsonToken token, int depth) throws IOException {
      return read(token, depth, TreeNodes.NESTED);
    }

    private JsonNode read(JsonToken token, int depth, int part) throws IOException {
      if (depth > MAX_DEPTH) {
        throw new RefusedInput(
            here(), "document nested deeper than " + MAX_DEPTH + " levels; refusing it");
      }
      if (parser instanceof YAMLParser yamlParser && yamlParser.isCurrentAlias()) {
        throw new UsesAliases();
      }
      switch (token) {
        case START_OBJECT:
          return part == TreeNodes.NESTED ? compact(depth) : editable(depth, part);
        case START_ARRAY:
          return array(depth);
        case VALUE_STRING:
          return parts.text(parser.getText());
        case VALUE_NUMBER_INT:
          return switch (parser.getNumberType()) {
            case INT -> nodes.numberNode(parser.getIntValue());
            case LONG -> nodes.numberNode(parser.getLongValue());
            default -> nodes.numberNode(parser.getBigIntegerValue());
          };
        case VALUE_NUMBER_FLOAT:
          return nodes.numberNode(parser.getDoubleValue());
        case VALUE_TRUE:
          return nodes.booleanNode(true);
        case VALUE_FALSE:
          return nodes.booleanNode(false);
        case VALUE_EMBEDDED_OBJECT:
          Object embedded = parser.getEmbeddedObject();
          return embedded instanceof byte[] b
              ? nodes.binaryNode(b)
              : nodes.textNode(String.valueOf(embedded));
        default:
          return nodes.nullNode();
      }
    }

    private Location here() {
      return location(file, parser.currentTokenLocation(), firstLine);
    }
  }

  /** Jackson reads an alias as its anchor's name; such documents take the expanding slow path. */
  private static final class UsesAliases extends IOException {
    UsesAliases() {
      super("document uses YAML aliases");
    }
  }

  private void readWithAliases(
      String file, String text, int firstLine, List<Document> out, List<InputProblem> problems) {
    AliasingYamlReader.Outcome outcome = aliasing.read(file, text, firstLine);
    if (outcome.problem() != null) {
      problems.add(outcome.problem());
      return;
    }
    for (ObjectNode tree : outcome.objects()) {
      expandList(tree, new Location(file, firstLine, 1), List.of(), out);
    }
  }

  /** Input refused by a safety limit (depth, aliases), with where it was refused. */
  private static final class RefusedInput extends IOException {
    final transient Location location;

    RefusedInput(Location location, String message) {
      super(message);
      this.location = location;
    }
  }

  /** A {@code kind: List} (or FooList) with items becomes one document per object item. */
  private static void expandList(
      ObjectNode tree, Location location, List<Location> itemLocations, List<Document> out) {
    String kind = tree.path("kind").asText("");
    JsonNode items = tree.get("items");
    if (kind.endsWith("List") && items != null && items.isArray() && tree.has("apiVersion")) {
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i) instanceof ObjectNode item) {
          out.add(new Document(item, i < itemLocations.size() ? itemLocations.get(i) : location));
        }
      }
    } else {
      out.add(new Document(tree, location));
    }
  }

  private static Location location(String file, JsonLocation at, int firstLine) {
    if (at == null || at.getLineNr() < 1) {
      return new Location(file, firstLine, 1);
    }
    return new Location(file, firstLine + at.getLineNr() - 1, Math.max(1, at.getColumnNr()));
  }

  /** The parser's reason without the echo of the offending line, which could hold a secret. */
  private static String reason(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked) {
      String context = marked.getContext();
      String problem = marked.getProblem();
      return "invalid YAML: " + (context != null ? context + ", " : "") + problem;
    }
    String message = e.getOriginalMessage();
    int newline = message.indexOf('\n');
    return (e.getProcessor() instanceof YAMLParser ? "invalid YAML: " : "invalid JSON: ")
        + plainEvents(newline > 0 ? message.substring(0, newline) : message);
  }

  // Jackson names SnakeYAML's parser events: "<org.yaml.snakeyaml.events.MappingStartEvent(...)>".
  private static final Pattern EVENT =
      Pattern.compile("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+?)StartEvent\\([^>]*\\)>");

  /**
   * The parser's message in YAML's words: a mapping or sequence, not a Java class; a mapping where
   * a key should be is nearly always a {{ placeholder }} of a template that was not rendered.
   */
  private static String plainEvents(String message) {
    Matcher event = EVENT.matcher(message);
    if (!event.find()) {
      return message;
    }
    String what =
        event.group(1).equals("Mapping")
            ? "a mapping"
            : "a " + event.group(1).toLowerCase(Locale.ROOT);
    return event.replaceAll(what)
        + (message.contains("field name") && what.equals("a mapping")
            ? " (a `{{ }}` template placeholder? render the template first)"
            : "");
  }

  private static boolean looksLikeJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '{' || c == '[';
      }
    }
    return false;
  }

  private static int indexOfNul(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
    // The String constructor copies ASCII and Latin-1 text as it is; a decoder widens it to chars
    // that the String then narrows back. It replaces bad bytes with U+FFFD, though, so text that
    // has one is decoded again strictly, which reports them (or keeps a U+FFFD that was written).
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') >= 0) {
      CharsetDecoder decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** Finds the first byte that breaks UTF-8 and reports its line and column. */
  private static InputProblem invalidUtf8(String file, byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    StandardCharsets.UTF_8.newDecoder().decode(in, CharBuffer.allocate(bytes.length + 1), true);
    int bad = in.position(); // the decoder stops at the first malformed sequence
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < bad; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new InputProblem(
        new Location(file, line, bad - lineStart + 1),
        String.format("invalid UTF-8 (byte 0x%02x at offset %d)", bytes[bad] & 0xff, bad));
  }
}
