package dev.kube4c.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes that both YAML readers build, so that a document reads to the same tree whichever
 * reader took it. Objects are read-only and compact ({@link FrozenFields}, or a hash map sized to
 * their fields), except the parts the inventory trims: each object's top level, its {@code
 * metadata} and {@code metadata.annotations} stay editable ({@link EditableFields}). One instance
 * per input file: keys and short values repeat across the documents of a file ("name", "TCP", label
 * values), and sharing one String per distinct text keeps a 100k-object inventory small; texts
 * repeated across files are shared through the reader's {@link SharedTexts}.
 */
final class TreeNodes {
  /** Where an object sits, for which of them stay editable (see the class comment). */
  static final int NESTED = 0;

  static final int TOP = 1;
  static final int METADATA = 2;
  static final int ANNOTATIONS = 3;

  private static final int SHARED_MAX_CHARS = 64;

  private final JsonNodeFactory factory = JsonNodeFactory.instance;
  private final SharedTexts shared;
  private final Map<String, String> canonical = new HashMap<>();
  private final Map<String, TextNode> texts = new HashMap<>();
  private final Map<List<String>, String[]> keyLists = new HashMap<>();

  // The fields of the objects and arrays being read, innermost last; one stack for the whole
  // document instead of a growing map per object.
  private String[] keyStack = new String[64];
  private JsonNode[] valueStack = new JsonNode[64];
  private int top;

  /** For one file; {@code shared}: what the reader's files share (see {@link SharedTexts}). */
  TreeNodes(SharedTexts shared) {
    this.shared = shared;
  }

  /** For one file, sharing nothing with others. */
  TreeNodes() {
    this(new SharedTexts());
  }

  /** The part of a field's value: {@code metadata} of a top object, its {@code annotations}. */
  static int childPart(int part, String name) {
    if (part == TOP && name.equals("metadata")) {
      return METADATA;
    }
    return part == METADATA && name.equals("annotations") ? ANNOTATIONS : NESTED;
  }

  JsonNodeFactory factory() {
    return factory;
  }

  /** One String per distinct short key. */
  String key(String text) {
    if (text.length() > SHARED_MAX_CHARS) {
      return text;
    }
    String known = canonical.get(text);
    if (known == null) {
      known = shared.string(text);
      canonical.put(known, known);
    }
    return known;
  }

  /** Text nodes are immutable, so equal short values share one node as well. */
  TextNode text(String value) {
    if (value.length() > SHARED_MAX_CHARS) {
      return factory.textNode(value);
    }
    TextNode known = texts.get(value);
    if (known == null) {
      known = shared.text(value, factory);
      texts.put(value, known);
    }
    return known;
  }

  /**
   * An empty object that stays editable: a top level, metadata or annotations (see the class
   * comment).
   */
  ObjectNode editableObject() {
    return new ObjectNode(factory, new EditableFields(4));
  }

  /** The stack's height: where the fields of an object or array about to be read start. */
  int mark() {
    return top;
  }

  /** Drops what a reader pushed since {@code mark} when it gives up on a document. */
  void truncate(int mark) {
    Arrays.fill(keyStack, mark, top, null);
    Arrays.fill(valueStack, mark, top, null);
    top = mark;
  }

  void push(String key, JsonNode value) {
    if (top == keyStack.length) {
      keyStack = Arrays.copyOf(keyStack, top * 2);
      valueStack = Arrays.copyOf(valueStack, top * 2);
    }
    keyStack[top] = key;
    valueStack[top++] = value;
  }

  /** A read-only object of the fields pushed since {@code start}, which it pops. */
  ObjectNode objectSince(int start) {
    int count = top - start;
    Map<String, JsonNode> fields;
    if (count > FrozenFields.MAX_FIELDS) {
      // as ObjectNode.set does: a repeated key keeps its first place and takes the last value
      Map<String, JsonNode> map = new LinkedHashMap<>((int) (count / 0.75f) + 1);
      for (int i = start; i < top; i++) {
        map.put(keyStack[i], valueStack[i]);
      }
      fields = map;
    } else {
      fields = frozen(start);
    }
    top = start;
    return new ObjectNode(factory, fields);
  }

  /** An array of the values pushed since {@code start}, which it pops. */
  ArrayNode arraySince(int start) {
    List<JsonNode> elements = new ArrayList<>(top - start);
    for (int i = start; i < top; i++) {
      elements.add(valueStack[i]);
    }
    top = start;
    return new ArrayNode(factory, elements);
  }

  private FrozenFields frozen(int start) {
    int distinct = 0;
    String[] keys = new String[top - start];
    JsonNode[] values = new JsonNode[top - start];
    for (int i = start; i < top; i++) {
      int at = indexOf(keys, distinct, keyStack[i]);
      if (at < 0) {
        keys[distinct] = keyStack[i];
        values[distinct++] = valueStack[i];
      } else {
        values[at] = valueStack[i];
      }
    }
    if (distinct < keys.length) {
      keys = Arrays.copyOf(keys, distinct);
      values = Arrays.copyOf(values, distinct);
    }
    return new FrozenFields(sharedKeys(keys), values);
  }

  /**
   * One array per distinct list of keys: the objects of a file come in a few shapes (every port
   * {@code name, containerPort, protocol}), and a 100k-object inventory held 26 MB of copies.
   * FrozenFields never writes to its keys.
   */
  private String[] sharedKeys(String[] keys) {
    String[] shared = keyLists.putIfAbsent(Arrays.asList(keys), keys);
    return shared == null ? keys : shared;
  }

  private static int indexOf(String[] keys, int count, String key) {
    for (int i = 0; i < count; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
