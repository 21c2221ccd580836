package dev.kube4c.components;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.source.DetectorInput;
import dev.kube4c.source.Document;
import dev.kube4c.source.DocumentDetector;
import dev.kube4c.source.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recognises a component's command line in plain text: a saved process command line ({@code
 * kube-apiserver --anonymous-auth=false ...}, backslash continuations allowed), a systemd unit or
 * drop-in ({@code ExecStart=/usr/bin/kubelet ...}, {@code Environment="KUBELET_..._ARGS=..."}), and
 * kubelet environment files ({@code KUBELET_KUBEADM_ARGS="..."}, {@code KUBELET_EXTRA_ARGS=...}).
 * Each becomes a {@code ComponentFlags} document. A bare list of flags with no component named is
 * not recognised: nothing in it says which component it configures.
 */
public final class FlagListDetector implements DocumentDetector {

  public static final String API_VERSION = "components.kube4c.dev/v1";
  public static final String KIND = "ComponentFlags";

  @Override
  public List<Document> detect(DetectorInput input) {
    String text = input.text();
    if (text.isEmpty()
        || text.length() > 1_000_000
        || text.trim().startsWith("{")
        || text.trim().startsWith("[")) {
      return List.of();
    }
    Component component = null;
    List<CommandLines.Flag> flags = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    LineCounter counter = new LineCounter(text);
    int rowStart = 0;
    while (rowStart < text.length()) {
      int rowEnd = logicalLineEnd(text, rowStart);
      String row =
          text.substring(rowStart, rowEnd).replace("\\\r\n", " ").replace("\\\n", " ").trim();
      int from = rowStart;
      rowStart = rowEnd + 1;
      if (row.isEmpty() || row.startsWith("#")) {
        continue;
      }
      List<String> words = CommandLines.words(row);
      Optional<Component> here = identify(words);
      if (here.isEmpty()) {
        continue;
      }
      if (component != null && component != here.get()) {
        return List.of(); // several components in one text: not a flag list of one component
      }
      component = here.get();
      List<String> expanded = new ArrayList<>();
      for (String word : words) {
        int eq = word.indexOf('=');
        // VAR=--a=b or Environment=VAR=--a=b: the value is itself a list of words
        if (!word.startsWith("-") && eq > 0 && word.substring(eq + 1).contains("--")) {
          String value = word.substring(eq + 1);
          int inner = value.indexOf('=');
          if (!value.startsWith("-") && inner > 0) {
            value = value.substring(inner + 1);
          }
          expanded.addAll(CommandLines.words(value));
        } else {
          expanded.add(word);
        }
      }
      for (CommandLines.Flag flag : CommandLines.flags(expanded)) {
        int at = text.indexOf("--" + flag.name(), from);
        if (at >= 0 && at < rowEnd) {
          from = at + 2;
        }
        flags.add(flag);
        lines.add(counter.lineAt(Math.max(0, Math.min(at < 0 ? from : at, text.length()))));
      }
    }
    if (component == null || flags.isEmpty()) {
      return List.of();
    }
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode object = nodes.objectNode();
    object.put("apiVersion", API_VERSION);
    object.put("kind", KIND);
    object.putObject("metadata").put("name", baseName(input.file()));
    object.put("component", component.binary());
    ArrayNode list = object.putArray("flags");
    for (int i = 0; i < flags.size(); i++) {
      list.addObject()
          .put("name", flags.get(i).name())
          .put("value", flags.get(i).value())
          .put("line", lines.get(i));
    }
    return List.of(new Document(object, new Location(input.file(), lines.get(0), 1)));
  }

  /** The component a line is about: its first command word, or a KUBELET_*ARGS variable. */
  private static Optional<Component> identify(List<String> words) {
    for (String word : words) {
      if (word.startsWith("--")) {
        break;
      }
      String command = word;
      int eq = word.indexOf('=');
      if (eq > 0) {
        String variable = word.substring(0, eq);
        if (variable.equals("Environment") && word.length() > eq + 1) {
          variable = word.substring(eq + 1).split("=", 2)[0];
        }
        if (variable.startsWith("KUBELET_") && variable.endsWith("ARGS")) {
          return Optional.of(Component.KUBELET);
        }
        command = word.substring(eq + 1); // ExecStart=/usr/bin/kubelet
      }
      Optional<Component> named = Component.ofCommand(command);
      if (named.isPresent()) {
        return named;
      }
    }
    return Optional.empty();
  }

  /**
   * Where the logical line that starts at {@code start} ends: at a newline not escaped by a
   * backslash.
   */
  private static int logicalLineEnd(String text, int start) {
    int i = start;
    while (true) {
      int newline = text.indexOf('\n', i);
      if (newline < 0) {
        return text.length();
      }
      int before = newline - 1;
      if (before >= start && text.charAt(before) == '\r') {
        before--;
      }
      if (before >= start && text.charAt(before) == '\\') {
        i = newline + 1;
      } else {
        return newline;
      }
    }
  }

  /** Line numbers of increasing offsets, counted once. */
  private static final class LineCounter {
    private final String text;
    private int offset;
    private int line = 1;

    LineCounter(String text) {
      this.text = text;
    }

    int lineAt(int target) {
      if (target < offset) {
        offset = 0;
        line = 1;
      }
      for (; offset < target; offset++) {
        if (text.charAt(offset) == '\n') {
          line++;
        }
      }
      return line;
    }
  }

  static String baseName(String file) {
    String name = file.replace('\\', '/');
    return name.substring(name.lastIndexOf('/') + 1);
  }
}
