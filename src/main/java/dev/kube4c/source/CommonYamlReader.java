package dev.kube4c.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the YAML that nearly all manifests are written in straight into {@link TreeNodes}, with no
 * tokens or events between (the general parser is SnakeYAML's scanner under Jackson; reading the
 * 100k-object benchmark corpus took 4.5 s with it alone, 2.2 s with this): block mappings and
 * sequences, plain and quoted scalars over any number of lines, literal and folded block scalars,
 * and one-line flow collections. For anything else (anchors, aliases, tags, directives, tabs
 * outside scalars, CR line ends, indentation indicators, any error) it declines the document, which
 * the general parser then reads. It never reads a document differently from the general parser:
 * what it does not know the meaning of, it declines. CommonYamlReaderTest compares the two on every
 * input and on mutations of them.
 *
 * <p>Scalars are typed as Jackson types SnakeYAML's YAML 1.1 resolution: a plain {@code yes} is
 * true, {@code ~} is null, {@code 2024-01-01} is a string. Numbers other than plain decimal
 * integers are declined, so that no number is ever parsed differently.
 */
final class CommonYamlReader {

  /** Deeper documents go to the general parser, which refuses them with its own message. */
  private static final int MAX_DEPTH = 100;

  /** SnakeYAML reads a key on one line of at most 1024 characters. */
  private static final int MAX_KEY_CHARS = 1000;

  /** Characters that may not start a plain scalar (YAML 1.1 indicators). */
  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  /** The numbers SnakeYAML's resolver takes for numbers: the first characters it tries them on. */
  private static final String NUMBER_STARTS = "-+0123456789.";

  private static final Pattern INT = Resolver.INT;
  private static final Pattern FLOAT = Resolver.FLOAT;

  /** The document left the subset; it goes to the general parser. */
  private static final class Declined extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Declined() {
      super("declined", null, false, false);
    }
  }

  /** What a document gave: no tree for an empty one. */
  record Parsed(ObjectNode tree, Location location, List<Location> itemLocations) {}

  private static final Parsed EMPTY = new Parsed(null, null, List.of());

  private final String file;
  private final String s;
  private final int n;
  private final int firstLine;
  private final TreeNodes nodes;
  private final List<Location> itemLocations = new ArrayList<>();

  /** The next character to read. */
  private int pos;

  /** 0-based line of {@link #pos} within the document, and where that line starts. */
  private int line;

  private int lineStart;

  /** Column of the first content character of the current line, set by {@link #toContent}. */
  private int indent;

  private CommonYamlReader(String file, String text, int firstLine, TreeNodes nodes) {
    this.file = file;
    this.s = text;
    this.n = text.length();
    this.firstLine = firstLine;
    this.nodes = nodes;
  }

  /** The document in {@code text} (one, as the manifest reader splits them); null if declined. */
  static Parsed read(String file, String text, int firstLine, TreeNodes nodes) {
    if (!plainCharacters(text)) {
      return null;
    }
    int mark = nodes.mark();
    try {
      return new CommonYamlReader(file, text, firstLine, nodes).document();
    } catch (Declined | StringIndexOutOfBoundsException e) {
      // (reading past the end is a document cut short in a collection or scalar: declined too)
      nodes.truncate(mark);
      return null;
    }
  }

  /**
   * No carriage returns, no control characters but line feeds and tabs, no other line breaks (NEL,
   * LS, PS), no byte-order marks, surrogates or non-characters: the general parser has rules of its
   * own for each.
   */
  private static boolean plainCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 ? c != '\n' && c != '\t' : c >= 0x7f && !plainWide(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean plainWide(char c) {
    return c >= 0xa0 && c < 0xd800 || c >= 0xe000 && c < 0xfeff || c > 0xfeff && c < 0xfffe;
  }

  private Parsed document() {
    toContent();
    if (pos < n && indent == 0 && s.startsWith("---", pos) && blankAt(pos + 3)) {
      pos += 3;
      endOfLine();
      toContent();
    }
    if (pos >= n) {
      return EMPTY;
    }
    char c = s.charAt(pos);
    if (c == '%' || indent == 0 && (s.startsWith("---", pos) || s.startsWith("...", pos))) {
      decline();
    }
    if (isEntry() || keyColon() < 0) {
      decline(); // a scalar or a list at the top: not a manifest, and the general parser drops it
    }
    Location location = here();
    ObjectNode root = mapping(indent, TreeNodes.TOP, 0, true);
    if (pos < n) {
      decline();
    }
    return new Parsed(root, location, itemLocations);
  }

  // ---- block collections ----

  /**
   * A block mapping whose first key is at {@link #pos}, in column {@code at}; returns at the first
   * content line that is less indented, or at the end.
   */
  private ObjectNode mapping(int at, int part, int depth, boolean top) {
    if (depth > MAX_DEPTH) {
      decline();
    }
    ObjectNode editable = part == TreeNodes.NESTED ? null : nodes.editableObject();
    int start = nodes.mark();
    while (true) {
      String key = nodes.key(key());
      JsonNode value =
          top && key.equals("items")
              ? value(at, TreeNodes.NESTED, depth + 1, true, true)
              : value(at, TreeNodes.childPart(part, key), depth + 1, true, false);
      if (editable != null) {
        editable.set(key, value);
      } else {
        nodes.push(key, value);
      }
      toContent();
      if (pos >= n || indent < at) {
        break;
      }
      if (indent > at || isEntry()) {
        decline();
      }
    }
    return editable != null ? editable : nodes.objectSince(start);
  }

  /**
   * A block sequence whose first entry's dash is at {@link #pos}, in column {@code at}. The entries
   * of a List's {@code items} are top-level objects, whose locations are kept.
   */
  private JsonNode sequence(int at, int depth, boolean items) {
    if (depth > MAX_DEPTH) {
      decline();
    }
    int start = nodes.mark();
    while (true) {
      pos++; // the dash
      skipSpaces();
      JsonNode item;
      if (atLineEnd() || s.charAt(pos) == '#') {
        endOfLine();
        toContent();
        if (pos >= n || indent <= at) {
          item = entryWithoutValue(items);
        } else if (isEntry()) {
          item = nestedSequence(depth, items);
        } else {
          item = entryMapping(depth, items);
        }
      } else if (isEntry()) {
        item = nestedSequence(depth, items);
      } else if (keyColon() >= 0) {
        item = entryMapping(depth, items);
      } else {
        if (items) {
          decline();
        }
        item = value(at, TreeNodes.NESTED, depth + 1, false, false);
      }
      nodes.push(null, item);
      toContent();
      if (pos >= n || indent < at || indent == at && !isEntry()) {
        break;
      }
      if (indent > at) {
        decline();
      }
    }
    return nodes.arraySince(start);
  }

  private JsonNode entryWithoutValue(boolean items) {
    if (items) {
      decline();
    }
    return nodes.text("");
  }

  private JsonNode nestedSequence(int depth, boolean items) {
    if (items) {
      decline();
    }
    return sequence(column(), depth + 1, false);
  }

  private JsonNode entryMapping(int depth, boolean items) {
    if (keyColon() < 0) {
      decline();
    }
    if (items) {
      itemLocations.add(here());
    }
    return mapping(column(), items ? TreeNodes.TOP : TreeNodes.NESTED, depth + 1, false);
  }

  /**
   * The value after a key's colon or an entry's dash, at {@link #pos}; returns at the start of the
   * next content line. {@code at} is the column of the collection it belongs to: a value on the
   * lines below must be more indented, except a sequence under a key ({@code sequenceAtKey}).
   */
  private JsonNode value(int at, int part, int depth, boolean sequenceAtKey, boolean items) {
    skipSpaces();
    if (atLineEnd() || s.charAt(pos) == '#') {
      endOfLine();
      toContent();
      if (pos < n && (indent > at || indent == at && sequenceAtKey) && isEntry()) {
        return sequence(indent, depth, items);
      }
      if (pos < n && indent > at) {
        if (keyColon() >= 0) {
          return mapping(indent, part, depth, false);
        }
        JsonNode below = scalar(plain(at)); // a plain scalar on the lines below its key
        endOfLine();
        afterValue(at);
        return below;
      }
      return nodes.text(""); // as Jackson reads an empty value: not null
    }
    char c = s.charAt(pos);
    if (c == '|' || c == '>') {
      JsonNode block = nodes.text(blockScalar(c == '>', at));
      afterValue(at);
      return block;
    }
    JsonNode node;
    if (c == '"' || c == '\'') {
      node = nodes.text(quoted());
    } else if (c == '[' || c == '{') {
      if (items && s.charAt(pos + 1) != ']') {
        decline(); // items in flow style: their locations are the general parser's to give
      }
      node = flow(part, depth);
    } else {
      node = scalar(plain(at));
    }
    endOfLine();
    afterValue(at);
    return node;
  }

  /** A value on its key's line is not continued below: that would be a multi-line scalar. */
  private void afterValue(int at) {
    toContent();
    if (pos < n && indent > at) {
      decline();
    }
  }

  // ---- keys and scalars ----

  /**
   * Where the colon of a key at {@link #pos} is (followed by a space or the line's end), or -1 if
   * the line does not start with a key here.
   */
  private int keyColon() {
    char c = s.charAt(pos);
    int i;
    if (c == '"' || c == '\'') {
      i = quotedEnd(pos);
      if (i < 0) {
        return -1;
      }
      while (i < n && s.charAt(i) == ' ') {
        i++;
      }
      return i < n && s.charAt(i) == ':' && blankAt(i + 1) ? i : -1;
    }
    if (!plainStart(pos)) {
      return -1;
    }
    for (i = pos; i < n; i++) {
      c = s.charAt(i);
      if (c == '\n' || c == '\t' || c == '#' && s.charAt(i - 1) == ' ') {
        return -1;
      }
      if (c == ':' && blankAt(i + 1)) {
        return i - pos <= MAX_KEY_CHARS ? i : -1;
      }
    }
    return -1;
  }

  /** The key at {@link #pos}; leaves {@link #pos} after its colon. */
  private String key() {
    int colon = keyColon();
    if (colon < 0) {
      decline();
    }
    String key;
    char c = s.charAt(pos);
    if (c == '"' || c == '\'') {
      key = quoted();
    } else {
      int end = colon;
      while (s.charAt(end - 1) == ' ') {
        end--;
      }
      key = s.substring(pos, end);
    }
    pos = colon + 1;
    return key;
  }

  /** May a plain scalar start at {@code i}: not an indicator, save a dash before a non-blank. */
  private boolean plainStart(int i) {
    char c = s.charAt(i);
    if (INDICATORS.indexOf(c) < 0) {
      return c != ' ' && c != '\t' && c != '\n';
    }
    return c == '-' && i + 1 < n && " \t\n".indexOf(s.charAt(i + 1)) < 0;
  }

  /**
   * A plain scalar at {@link #pos}, continued on the lines below that are more indented than column
   * {@code at} (joined by a space, or by a line break per empty line between, as SnakeYAML folds
   * them); it ends at a comment or a less indented line. Leaves {@link #pos} after it.
   */
  private String plain(int at) {
    if (!plainStart(pos)) {
      decline();
    }
    String first = plainLine();
    StringBuilder text = null;
    while (atLineEnd()) {
      int restart = pos;
      int restartLine = line;
      int restartLineStart = lineStart;
      nextLine();
      int breaks = 0;
      while (pos < n && spacesAt(pos) < n - pos && s.charAt(pos + spacesAt(pos)) == '\n') {
        breaks++;
        nextLine();
      }
      int spaces = spacesAt(pos);
      char c = pos + spaces < n ? s.charAt(pos + spaces) : '#';
      if (spaces <= at || c == '#' || c == '\t') {
        if (c == '\t') {
          decline();
        }
        pos = restart; // the scalar ended on the line before
        line = restartLine;
        lineStart = restartLineStart;
        break;
      }
      pos += spaces;
      if (text == null) {
        text = new StringBuilder(first);
      }
      text.append(breaks == 0 ? " " : "\n".repeat(breaks)).append(plainLine());
    }
    return text == null ? first : text.toString();
  }

  /** The part of a plain scalar on the current line: up to a comment or the line's end. */
  private String plainLine() {
    int end = pos;
    int i = pos;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        break;
      }
      if (c == ' ') {
        if (i + 1 < n && s.charAt(i + 1) == '#') {
          break;
        }
        continue;
      }
      if (c == '\t' || c == ':' && blankAt(i + 1)) {
        decline(); // "a: b: c" is an error; tabs have rules of their own
      }
      end = i + 1;
    }
    String text = s.substring(pos, end);
    pos = i;
    return text;
  }

  /**
   * A plain scalar's value, as Jackson's YAML parser types what SnakeYAML's resolver tags: the same
   * patterns, in the same order, with the same length limits.
   */
  private JsonNode scalar(String text) {
    int length = text.length();
    if (isNull(text)) {
      return nodes.factory().nullNode();
    }
    char c = text.charAt(0);
    if (length <= 5 && "yYnNtTfFoO".indexOf(c) >= 0) {
      Boolean bool = bool(text);
      if (bool != null) {
        return nodes.factory().booleanNode(bool);
      }
    }
    if (NUMBER_STARTS.indexOf(c) >= 0 && length <= 1024) {
      JsonNode number = decimal(text);
      if (number != null) {
        return number;
      }
      if (INT.matcher(text).matches() || FLOAT.matcher(text).matches()) {
        decline(); // octal, hexadecimal, sexagesimal, floats: the general parser's to convert
      }
    }
    return nodes.text(text); // includes timestamps and "<<", which Jackson gives as strings
  }

  private static boolean isNull(String text) {
    return switch (text) {
      case "~", "null", "Null", "NULL" -> true;
      default -> false;
    };
  }

  /** SnakeYAML's BOOL pattern, as Jackson reads its matches. */
  private static Boolean bool(String text) {
    return switch (text) {
      case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" -> Boolean.TRUE;
      case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** "0" or a decimal without leading zeros, sign or underscores, of at most 18 digits. */
  private JsonNode decimal(String text) {
    int length = text.length();
    int digits = text.charAt(0) == '-' ? 1 : 0;
    if (length - digits < 1 || length - digits > 18) {
      return null;
    }
    if (text.charAt(digits) == '0') {
      return length == 1 ? nodes.factory().numberNode(0) : null;
    }
    for (int i = digits; i < length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    long value = Long.parseLong(text);
    return value == (int) value
        ? nodes.factory().numberNode((int) value)
        : nodes.factory().numberNode(value);
  }

  /** Where the quoted scalar starting at {@code i} ends (after its quote), or -1. */
  private int quotedEnd(int i) {
    char quote = s.charAt(i);
    for (int j = i + 1; j < n; j++) {
      char c = s.charAt(j);
      if (c == '\n') {
        return -1;
      }
      if (quote == '"' && c == '\\') {
        if (j + 1 < n && s.charAt(j + 1) == '\n') {
          return -1; // an escaped line break: a multi-line scalar
        }
        j++;
      } else if (c == quote) {
        if (quote == '\'' && j + 1 < n && s.charAt(j + 1) == '\'') {
          j++;
        } else {
          return j + 1;
        }
      }
    }
    return -1;
  }

  /**
   * A quoted scalar at {@link #pos}, over as many lines as it takes, folded as SnakeYAML's scanner
   * folds it: whitespace before a line break is dropped, and so is the indentation after it; one
   * break becomes a space, each empty line a line feed; an escaped break joins the lines. Leaves
   * {@link #pos} after the closing quote.
   */
  private String quoted() {
    char quote = s.charAt(pos);
    for (int j = pos + 1; j < n; j++) { // the common case: one line, nothing escaped
      char c = s.charAt(j);
      if (c == quote && (quote == '"' || j + 1 >= n || s.charAt(j + 1) != '\'')) {
        String text = s.substring(pos + 1, j);
        pos = j + 1;
        return text;
      }
      if (c == '\\' || c == '\n' || c == quote) {
        break;
      }
    }
    boolean doubled = quote == '"';
    pos++;
    StringBuilder text = new StringBuilder();
    nonSpaces(doubled, text);
    while (peek() != quote) {
      spaces(text);
      nonSpaces(doubled, text);
    }
    pos++;
    return text.toString();
  }

  /** The character at {@link #pos}, or NUL at the end (NUL is not among the accepted ones). */
  private char peek() {
    return pos < n ? s.charAt(pos) : '\0';
  }

  private void nonSpaces(boolean doubled, StringBuilder text) {
    while (true) {
      int from = pos;
      char c;
      while ((c = peek()) != '\0' && " \t\n'\"\\".indexOf(c) < 0) {
        pos++;
      }
      text.append(s, from, pos);
      if (!doubled && c == '\'' && pos + 1 < n && s.charAt(pos + 1) == '\'') {
        text.append('\'');
        pos += 2;
      } else if (doubled && c == '\'' || !doubled && (c == '"' || c == '\\')) {
        text.append(c);
        pos++;
      } else if (doubled && c == '\\') {
        pos++;
        escape(text);
      } else {
        return;
      }
    }
  }

  private void escape(StringBuilder text) {
    char e = peek();
    if (e == 'x' || e == 'u') {
      int digits = e == 'x' ? 2 : 4;
      int code = hex(pos + 1, digits);
      if (code >= 0xd800 && code < 0xe000) {
        decline();
      }
      text.append((char) code);
      pos += digits + 1;
    } else if (e == '\n') {
      newLine();
      text.append(breaks());
    } else {
      text.append(escaped(e));
      pos++;
    }
  }

  private void spaces(StringBuilder text) {
    int from = pos;
    while (peek() == ' ' || peek() == '\t') {
      pos++;
    }
    char c = peek();
    if (c == '\0') {
      decline(); // the end before the closing quote
    }
    if (c == '\n') {
      newLine();
      String breaks = breaks();
      text.append(breaks.isEmpty() ? " " : breaks);
    } else {
      text.append(s, from, pos);
    }
  }

  /** The empty lines after a line break inside a quoted scalar, and the next line's indentation. */
  private String breaks() {
    StringBuilder breaks = new StringBuilder();
    while (true) {
      if ((s.startsWith("---", pos) || s.startsWith("...", pos)) && blankAt(pos + 3)) {
        decline();
      }
      while (peek() == ' ' || peek() == '\t') {
        pos++;
      }
      if (peek() != '\n') {
        return breaks.toString();
      }
      breaks.append('\n');
      newLine();
    }
  }

  /** From the line feed at {@link #pos} to the start of the next line. */
  private void newLine() {
    pos++;
    line++;
    lineStart = pos;
  }

  /** The single-character escapes of YAML 1.1 double-quoted scalars, as SnakeYAML reads them. */
  private static char escaped(char e) {
    return switch (e) {
      case '0' -> '\0';
      case 'a' -> '\u0007';
      case 'b' -> '\b';
      case 't' -> '\t';
      case 'n' -> '\n';
      case 'v' -> '\u000b';
      case 'f' -> '\f';
      case 'r' -> '\r';
      case 'e' -> '\u001b';
      case ' ' -> ' ';
      case '"' -> '"';
      case '\\' -> '\\';
      case 'N' -> '\u0085';
      case '_' -> '\u00a0';
      case 'L' -> '\u2028';
      case 'P' -> '\u2029';
      default -> throw new Declined();
    };
  }

  private int hex(int from, int digits) {
    int code = 0;
    for (int i = from; i < from + digits; i++) {
      char c = i < n ? s.charAt(i) : 'g';
      int d =
          c >= '0' && c <= '9'
              ? c - '0'
              : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
      if (d < 0) {
        decline(); // SnakeYAML takes ASCII hexadecimal digits only
      }
      code = code * 16 + d;
    }
    return code;
  }

  // ---- block scalars ----

  /**
   * A literal ({@code |}) or folded ({@code >}) block scalar whose indicator is at {@link #pos},
   * belonging to a collection in column {@code at}; as SnakeYAML's scanner reads it, without an
   * indentation indicator. Leaves {@link #pos} at the start of the line after it.
   */
  private String blockScalar(boolean folded, int at) {
    pos++;
    int chomp = 0; // -1 strip, 0 clip, 1 keep
    if (pos < n && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
      chomp = s.charAt(pos) == '-' ? -1 : 1;
      pos++;
    }
    if (!blankAt(pos)) {
      decline(); // an indentation indicator, or junk
    }
    skipSpaces();
    if (!atLineEnd() && s.charAt(pos) != '#') {
      decline();
    }
    nextLine();
    // The indentation is the first non-empty line's; leading empty lines must not be deeper.
    StringBuilder breaks = new StringBuilder();
    int deepestEmpty = 0;
    int blockIndent;
    while (true) {
      int spaces = spacesAt(pos);
      int c = pos + spaces < n ? s.charAt(pos + spaces) : -1;
      if (c == '\n') {
        deepestEmpty = Math.max(deepestEmpty, spaces);
        breaks.append('\n');
        nextLine();
        continue;
      }
      if (c == -1 || c == '\t' || spaces <= at || spaces < deepestEmpty) {
        decline(); // an empty scalar, tabs, or lines that the general parser must judge
      }
      blockIndent = spaces;
      break;
    }
    StringBuilder text = new StringBuilder();
    String lineBreak = "";
    while (true) {
      text.append(breaks);
      int from = pos + blockIndent;
      boolean leadingNonSpace = s.charAt(from) != ' ' && s.charAt(from) != '\t';
      int eol = lineEnd();
      text.append(s, from, eol);
      lineBreak = eol < n ? "\n" : "";
      pos = eol;
      nextLine();
      breaks.setLength(0);
      // the line breaks of the lines that hold no more than the indentation
      while (pos < n) {
        int spaces = Math.min(spacesAt(pos), blockIndent);
        char c = pos + spaces < n ? s.charAt(pos + spaces) : '\n';
        if (c == '\n' && pos + spaces < n) {
          breaks.append('\n');
          nextLine();
        } else {
          break;
        }
      }
      if (pos >= n || spacesAt(pos) < blockIndent) {
        if (pos < n && spacesAt(pos) < n - pos && s.charAt(pos + spacesAt(pos)) == '\t') {
          decline();
        }
        break;
      }
      char next = s.charAt(pos + blockIndent);
      if (folded && leadingNonSpace && lineBreak.equals("\n") && next != ' ' && next != '\t') {
        if (breaks.isEmpty()) {
          text.append(' ');
        }
      } else {
        text.append(lineBreak);
      }
    }
    if (chomp >= 0) {
      text.append(lineBreak);
    }
    if (chomp > 0) {
      text.append(breaks);
    }
    return text.toString();
  }

  // ---- flow collections, on one line ----

  /** A flow sequence or mapping at {@link #pos}, closed on the same line. */
  private JsonNode flow(int part, int depth) {
    if (depth > MAX_DEPTH) {
      decline();
    }
    boolean sequence = s.charAt(pos) == '[';
    char close = sequence ? ']' : '}';
    pos++;
    flowSpaces();
    ObjectNode editable = sequence || part == TreeNodes.NESTED ? null : nodes.editableObject();
    int start = nodes.mark();
    if (s.charAt(pos) == close) {
      pos++;
    } else {
      while (true) {
        String key = null;
        if (!sequence) {
          key = nodes.key(flowKey());
        }
        JsonNode item =
            flowNode(sequence ? TreeNodes.NESTED : TreeNodes.childPart(part, key), depth + 1);
        if (editable != null) {
          editable.set(key, item);
        } else {
          nodes.push(key, item);
        }
        flowSpaces();
        char c = s.charAt(pos++);
        if (c == close) {
          break;
        }
        if (c != ',') {
          decline();
        }
        flowSpaces();
        if (s.charAt(pos) == close || s.charAt(pos) == ',') {
          decline(); // a trailing or doubled comma
        }
      }
    }
    if (sequence) {
      return nodes.arraySince(start);
    }
    return editable != null ? editable : nodes.objectSince(start);
  }

  private JsonNode flowNode(int part, int depth) {
    flowSpaces();
    char c = s.charAt(pos);
    if (c == '[' || c == '{') {
      return flow(part, depth);
    }
    JsonNode node;
    if (c == '"' || c == '\'') {
      node = nodes.text(quoted());
    } else {
      node = scalar(flowPlain());
    }
    flowSpaces();
    if (s.charAt(pos) == ':') {
      decline(); // a single-pair mapping inside a sequence
    }
    return node;
  }

  /** A flow mapping's key and its colon. */
  private String flowKey() {
    char c = s.charAt(pos);
    String key;
    if (c == '"' || c == '\'') {
      key = quoted();
    } else {
      key = flowPlain();
    }
    flowSpaces();
    if (s.charAt(pos) != ':' || !blankAt(pos + 1)) {
      decline();
    }
    pos++;
    flowSpaces();
    char next = s.charAt(pos);
    if (next == ',' || next == '}') {
      decline(); // a key without a value
    }
    return key;
  }

  /** A plain scalar inside a flow collection: it ends at a flow indicator too. */
  private String flowPlain() {
    if (!plainStart(pos)) {
      decline();
    }
    int end = pos;
    int i = pos;
    for (; ; i++) {
      char c = s.charAt(i);
      if (c == ',' || c == ']' || c == '}') {
        break;
      }
      if (c == '\n' || c == '\t' || c == '?' || c == '[' || c == '{' || c == '#') {
        decline();
      }
      if (c == ':') {
        char after = i + 1 < n ? s.charAt(i + 1) : '\n';
        if (after == ' ' || after == '\n' || ",[]{}".indexOf(after) >= 0) {
          break;
        }
      }
      if (c != ' ') {
        end = i + 1;
      }
    }
    String text = s.substring(pos, end);
    pos = i;
    return text;
  }

  private void flowSpaces() {
    while (s.charAt(pos) == ' ') {
      pos++;
    }
  }

  // ---- lines ----

  /**
   * Moves to the first content character at or after the start of the current line, past empty
   * lines and comment lines, and sets {@link #indent}; {@link #pos} is then {@code n} at the end.
   */
  private void toContent() {
    while (pos < n) {
      int spaces = spacesAt(lineStart);
      int at = lineStart + spaces;
      char c = at < n ? s.charAt(at) : '\n';
      if (c == '\t') {
        decline();
      }
      if (c == '\n' || c == '#') {
        pos = at;
        if (c == '#') {
          pos = lineEnd();
        }
        nextLine();
        continue;
      }
      pos = at;
      indent = spaces;
      return;
    }
  }

  /** The rest of the line holds at most spaces and a comment; moves to the next line. */
  private void endOfLine() {
    skipSpaces();
    if (!atLineEnd() && (s.charAt(pos) != '#' || s.charAt(pos - 1) != ' ')) {
      decline(); // more on the line, or a '#' that is not a comment
    }
    pos = lineEnd();
    nextLine();
  }

  /** From the end of a line (or anywhere on it) to the start of the next one. */
  private void nextLine() {
    int eol = lineEnd();
    if (eol < n) {
      pos = eol + 1;
      line++;
    } else {
      pos = n;
    }
    lineStart = pos;
  }

  private int lineEnd() {
    int eol = s.indexOf('\n', pos);
    return eol < 0 ? n : eol;
  }

  private int spacesAt(int i) {
    int j = i;
    while (j < n && s.charAt(j) == ' ') {
      j++;
    }
    return j - i;
  }

  private void skipSpaces() {
    while (pos < n && s.charAt(pos) == ' ') {
      pos++;
    }
    if (pos < n && s.charAt(pos) == '\t') {
      decline();
    }
  }

  private boolean atLineEnd() {
    return pos >= n || s.charAt(pos) == '\n';
  }

  /** A space, a line break or the end at {@code i}; a tab declines. */
  private boolean blankAt(int i) {
    if (i >= n) {
      return true;
    }
    char c = s.charAt(i);
    if (c == '\t') {
      decline();
    }
    return c == ' ' || c == '\n';
  }

  /** A sequence entry's dash at {@link #pos}. */
  private boolean isEntry() {
    return s.charAt(pos) == '-' && blankAt(pos + 1);
  }

  private int column() {
    return pos - lineStart;
  }

  private Location here() {
    return new Location(file, firstLine + line, column() + 1);
  }

  private static void decline() {
    throw new Declined();
  }
}
