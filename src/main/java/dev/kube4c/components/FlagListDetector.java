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
 * Recognises a component's command line in plain text: a saved process command line
 * ({@code kube-apiserver --anonymous-auth=false ...}, backslash continuations allowed), a systemd
 * unit or drop-in ({@code ExecStart=/usr/bin/kubelet ...}, {@code Environment="KUBELET_..._ARGS=..."}),
 * and kubelet environment files ({@code KUBELET_KUBEADM_ARGS="..."}, {@code KUBELET_EXTRA_ARGS=...}).
 * Each becomes a {@code ComponentFlags} document. A bare list of flags with no component named is
 * not recognised: nothing in it says which component it configures.
 */
public final class FlagListDetector implements DocumentDetector {

  public static final String API_VERSION = "components.kube4c.dev/v1";
  public static final String KIND = "ComponentFlags";

  @Override
  public List<Document> detect(DetectorInput input) {
    String text = input.text();
    if (text.isEmpty() || text.length() > 1_000_000 || text.trim().startsWith("{") || text.trim().startsWith("[")) {
      return List.of();
    }
    Component component = null;
    List<CommandLines.Flag> flags = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    String[] rows = text.replace("\\\r\n", " ").replace("\\\n", " ").split("\n", -1);
    // Line numbers: count the joined continuation lines back in.
    int[] firstLine = lineStarts(text, rows.length);
    for (int r = 0; r < rows.length; r++) {
      String row = rows[r].trim();
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
        flags.add(flag);
        lines.add(firstLine[r]);
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
      list.addObject().put("name", flags.get(i).name()).put("value", flags.get(i).value()).put("line", lines.get(i));
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

  private static int[] lineStarts(String text, int rows) {
    int[] starts = new int[rows];
    int line = 1;
    int row = 0;
    starts[0] = 1;
    for (int i = 0; i < text.length() && row < rows - 1; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        boolean continued = i > 0 && text.charAt(i - 1) == '\\' || i > 1 && text.charAt(i - 1) == '\r' && text.charAt(i - 2) == '\\';
        if (!continued) {
          starts[++row] = line;
        }
      }
    }
    return starts;
  }

  static String baseName(String file) {
    String name = file.replace('\\', '/');
    return name.substring(name.lastIndexOf('/') + 1);
  }
}
