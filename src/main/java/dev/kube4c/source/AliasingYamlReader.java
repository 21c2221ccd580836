package dev.kube4c.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The slow path for the rare documents that use anchors and aliases, which Jackson's streaming
 * parser does not expand. SnakeYAML composes the node graph (refusing alias bombs by its alias
 * limit) and this class expands it into a tree with a cap on depth and total size, so recursive or
 * exponential aliases end in a clear error instead of exhausting memory.
 */
final class AliasingYamlReader {

  /** More nodes than any real manifest; a billion-laughs document needs far more. */
  static final int MAX_NODES = 1_000_000;

  private final JsonNodeFactory nodes = JsonNodeFactory.instance;

  /** The expanded document, or the reason it was refused. */
  record Outcome(List<ObjectNode> objects, InputProblem problem) {}

  Outcome read(String file, String text, int firstLine) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(ManifestReader.MAX_ALIASES);
    options.setNestingDepthLimit(ManifestReader.MAX_DEPTH);
    options.setAllowRecursiveKeys(false);
    List<ObjectNode> objects = new ArrayList<>();
    try {
      for (Node root : new Yaml(options).composeAll(new StringReader(text))) {
        if (root instanceof MappingNode) {
          objects.add((ObjectNode) convert(root, 0, new int[1]));
        }
      }
      return new Outcome(objects, null);
    } catch (Refused e) {
      return new Outcome(List.of(), new InputProblem(at(file, e.mark, firstLine), e.getMessage()));
    } catch (MarkedYAMLException e) {
      return new Outcome(
          List.of(),
          new InputProblem(
              at(file, e.getProblemMark(), firstLine), "invalid YAML: " + e.getProblem()));
    } catch (YAMLException e) {
      String message =
          e.getMessage().contains("aliases")
              ? "more than "
                  + ManifestReader.MAX_ALIASES
                  + " YAML aliases to collections (possible alias bomb); refusing the document"
              : "invalid YAML: " + e.getMessage().lines().findFirst().orElse("");
      return new Outcome(List.of(), new InputProblem(new Location(file, firstLine, 1), message));
    }
  }

  private JsonNode convert(Node node, int depth, int[] count) {
    if (depth > ManifestReader.MAX_DEPTH) {
      throw new Refused(
          node.getStartMark(),
          "aliases nest deeper than "
              + ManifestReader.MAX_DEPTH
              + " levels (recursive alias?); refusing the document");
    }
    if (++count[0] > MAX_NODES) {
      throw new Refused(
          node.getStartMark(),
          "aliases expand to more than "
              + MAX_NODES
              + " nodes (alias bomb); refusing the document");
    }
    if (node instanceof MappingNode mapping) {
      ObjectNode object = nodes.objectNode();
      List<NodeTuple> merged = new ArrayList<>();
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode().getTag().equals(Tag.MERGE)) {
          merged.add(tuple);
        } else {
          object.set(keyText(tuple.getKeyNode()), convert(tuple.getValueNode(), depth + 1, count));
        }
      }
      for (NodeTuple merge : merged) { // "<<" merge keys: explicit keys win
        List<Node> sources =
            merge.getValueNode() instanceof SequenceNode seq
                ? seq.getValue()
                : List.of(merge.getValueNode());
        for (Node source : sources) {
          if (convert(source, depth + 1, count) instanceof ObjectNode from) {
            from.properties().forEach(e -> object.putIfAbsent(e.getKey(), e.getValue()));
          }
        }
      }
      return object;
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = nodes.arrayNode();
      for (Node item : sequence.getValue()) {
        array.add(convert(item, depth + 1, count));
      }
      return array;
    }
    return scalar((ScalarNode) node);
  }

  private static String keyText(Node key) {
    return key instanceof ScalarNode scalar ? scalar.getValue() : "?";
  }

  private JsonNode scalar(ScalarNode scalar) {
    String value = scalar.getValue();
    Tag tag = scalar.getTag();
    try {
      if (tag.equals(Tag.NULL)) {
        return nodes.nullNode();
      }
      if (tag.equals(Tag.BOOL)) {
        return nodes.booleanNode(
            List.of("true", "yes", "on", "y").contains(value.toLowerCase(java.util.Locale.ROOT)));
      }
      if (tag.equals(Tag.INT)) {
        return nodes.numberNode(new BigInteger(value.replace("_", "")));
      }
      if (tag.equals(Tag.FLOAT)) {
        return nodes.numberNode(Double.parseDouble(value.replace("_", "")));
      }
    } catch (NumberFormatException e) {
      return nodes.textNode(value); // hex, octal and sexagesimal forms stay text
    }
    return nodes.textNode(value);
  }

  private static Location at(String file, Mark mark, int firstLine) {
    return mark == null
        ? new Location(file, firstLine, 1)
        : new Location(file, firstLine + mark.getLine(), mark.getColumn() + 1);
  }

  private static final class Refused extends RuntimeException {
    final transient Mark mark;

    Refused(Mark mark, String message) {
      super(message, null, false, false);
      this.mark = mark;
    }
  }
}
