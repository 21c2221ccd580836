package dev.kube4c.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fast path reads every document exactly as the general parser does, or declines it: the
 * documents (trees with their node types and which objects are editable, locations) and problems of
 * each input are compared with the fast path on and off, for the project's own inputs, the shared
 * corpus, hand-written cases at the edges of its subset, and mutations of the corpus.
 */
class CommonYamlReaderTest {

  private final ManifestReader general = new ManifestReader(false);
  private final ManifestReader fast = new ManifestReader(true);

  @Test
  void casesAtTheEdgesOfTheSubsetReadAsTheGeneralParserReadsThem() {
    List<String> cases =
        List.of(
            "a: 1\nb: -2\nc: 2147483648\nd: 007\ne: 0x1F\nf: 1.5\ng: .inf\nh: 1_000\ni: 1:30\n",
            "a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: ~\ng: null\nh:\ni: NULL\nj: Null\nk: nULL\n",
            "a: 2024-01-01\nb: <<\nc: '<<'\nd: \"\"\ne: ''\nf: 'it''s'\ng: \"a\\tb\\u00e9\\x41\"\n",
            "a: \"\\/\"\nb: \"\\U0001F600\"\nc: \"x\\\n  y\"\nd: 'multi\n  line'\n",
            "k: v # comment\nk2: v#not\nk3: \"q\" # c\nk4: 'q'#c\nk5: a  b  \nk6: -x\nk7: - x\n",
            "a: b: c\n",
            "a: b:\n",
            "key with spaces  : v\n\"quoted key\": v\n'single': v\n? complex\n: v\n",
            "list:\n- a\n- b\nmap:\n  - x\n  -   y\n  -\n  - - n1\n    - n2\n",
            "seq:\n- name: a\n  image: b\n-   name: c\n    port: 80\n- \n  name: d\n",
            "lit: |\n  line1\n   indented\n\n  line3\nnext: 1\n",
            "lit: |-\n  a\n\n\nnext: 1\n",
            "lit: |+\n  a\n\n\nnext: 1\n",
            "fold: >\n  a\n  b\n\n  c\n   d\n  e\nnext: 1\n",
            "fold: >-\n  a\n  b\n",
            "lit: |\n\n  after empty\n",
            "lit: |\n    \n  shallower\n",
            "lit: |2\n   two\n",
            "lit: | # comment\n  x\n",
            "lit: |\n  no newline at end",
            "lit: |\n  x\n  \n",
            "lit: |\n  x\n     \n",
            "flow: [a, b , 'c', \"d\", 1, true, ~, [x], {k: v}]\nempty: []\nobj: {}\n",
            "flow: {a: 1, b: [2, 3], c: {d: e}}\n",
            "flow: [a, b,]\n",
            "flow: [a: b]\n",
            "flow: {a}\n",
            "flow: [a\n  , b]\n",
            "flow: [a #c\n]\n",
            "flow: {a:1}\n",
            "flow: [http://x, a:b]\n",
            "a: &anchor 1\nb: *anchor\n",
            "a: !!str 1\n",
            "%YAML 1.1\n---\na: 1\n",
            "---\na: 1\n",
            "--- # c\na: 1\n",
            "--- a\n",
            "# only a comment\n",
            "---\n",
            "- a\n- b\n",
            "plain\n",
            "  a: 1\n  b: 2\n",
            "  a: 1\nb: 2\n",
            "a:\n  b: 1\n   c: 2\n",
            "a:\n  b: 1\n c: 2\n",
            "a: 1\n  b: 2\n",
            "a: x\n  continued\n",
            "a:\n  plain below\n",
            "a:\tb\n",
            "a: b\t\n",
            "\ta: 1\n",
            "a: 1\r\nb: 2\r\n",
            "a: \u00e9t\u00e9\nb: \ud83d\ude00\n",
            "a: 1\na: 2\nb:\n  c: 1\n  c: 2\n",
            "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n"
                + "    name: p\n    annotations: {a: b}\n-\n  apiVersion: v1\n  kind: Pod\n",
            "apiVersion: v1\nkind: List\nitems:\n- a\n",
            "apiVersion: v1\nkind: List\nitems: [{a: 1}]\n",
            "apiVersion: v1\nkind: List\nitems: []\n",
            "metadata:\n  annotations:\n    a: b\n  labels: {x: y}\nspec: {}\n",
            "a: [\"x\", 'y']\nb: {\"k\": 'v'}\n",
            "a: 123456789012345678\nb: 1234567890123456789\nc: -9\nd: 0\ne: -0\nf: +1\n",
            "a: '\u00a0'\nb: \"\\N\\_\\L\\P\\e\\0\\a\\b\\v\\f\\r\\ \\\"\"\n",
            "a: \"\\ud800\"\n",
            "'a': 1\n\"b\":2\n",
            "a: @x\nb: `x\n",
            "a: %x\n",
            "a: ,x\n",
            "a: :x\nb: ?x\n",
            "a:\n- x\n  - y\n",
            "a:\n  - x\n - y\n",
            "a: x\n\n  y\n   z # c\nb: 1\n",
            "- a\n  b\n- c\n",
            "a: x\n  # comment\n  y\n",
            "a: x\n  b: c\n",
            "a: x\n  - y\n",
            "k:\n  v1\n  v2\n\n\n  v3\nn: 1\n",
            "a: 1\n  2\n",
            "a: x  \n   \n  y  \n",
            "a: x\n  y\n  \"q\" 'r' [s] {t}\n",
            "a:\n  x\n  y: z\n",
            "- x\n -y\n",
            "a: x\n  y\t\n",
            "a: 'one\n  two\n\n  three'\nb: \"x  \n\n\n    y \\\n  z\\ \n w\"\n",
            "a: 'it''s\n  ok' # c\nb: 1\n",
            "- \"a\n  b\"\n- 'c\nd'\n",
            "a: \"x\n\"\nb: '\n'\n",
            "a: \"x\n  y\": z\n",
            "- 'a\n  b': c\n",
            "a: [\"x\n  y\", z]\n",
            "a: \"\\x4\"\nb: \"\\u00e9\\x41\\t\"\n",
            "a: \"\\u\uff10\uff10\uff14\uff11\"\n",
            "a: 'unclosed\n  b: c\n",
            "a: \"tab\t\n\tafter\"\n",
            "a: 'x\n---\n  y'\n");
    for (String text : cases) {
      assertSame("case " + text, text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void theFastPathTakesMostDocumentsOfTheSharedCorpusAndReadsThemAsTheGeneralParser()
      throws IOException {
    List<Path> files = yamlFiles(Fixtures.shared("corpus"));
    int documents = 0;
    int taken = 0;
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      assertSame(file.toString(), bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      for (var chunk : ManifestReader.splitYaml(text)) {
        documents++;
        if (CommonYamlReader.read("f", chunk.text(), 1, new TreeNodes()) != null) {
          taken++;
        }
      }
    }
    System.out.printf(
        "fast path: %d of %d YAML documents in %d corpus files%n", taken, documents, files.size());
    assertThat(taken).as("documents the fast path takes").isGreaterThan(documents * 3 / 4);
  }

  @Test
  void theProjectsOwnInputsReadTheSameBothWays() throws IOException {
    for (String dir : List.of("examples", "policies", "deploy", "src/test/resources")) {
      for (Path file : yamlFiles(Path.of(dir))) {
        assertSame(file.toString(), Files.readAllBytes(file));
      }
    }
  }

  /**
   * Broken and unusual YAML made from real files: one line changed at a time (a character in or
   * out, indentation moved, lines joined or doubled). Whatever the fast path takes of them, it
   * reads as the general parser does; what the general parser rejects, the fast path declines.
   */
  @Test
  void mutationsOfTheCorpusReadTheSameBothWays() throws IOException {
    List<Path> files = yamlFiles(Fixtures.shared("corpus"));
    Random random = new Random(4);
    int mutations = 0;
    for (int f = 0; f < files.size(); f++) {
      String text = Files.readString(files.get(f), StandardCharsets.UTF_8);
      if (text.length() > 20_000 || text.isEmpty()) {
        continue;
      }
      for (int m = 0; m < 6; m++) {
        String mutated = mutate(text, random);
        assertSame(
            files.get(f) + " mutated to:\n" + mutated, mutated.getBytes(StandardCharsets.UTF_8));
        mutations++;
      }
    }
    System.out.printf("fast path: %d mutations read the same both ways%n", mutations);
  }

  private static String mutate(String text, Random random) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int i = random.nextInt(lines.size());
    String line = lines.get(i);
    String marks = " -:#'\"|>[]{},&*!?%@`~\t\\";
    int at = line.isEmpty() ? 0 : random.nextInt(line.length() + 1);
    switch (random.nextInt(7)) {
      case 0 ->
          lines.set(
              i,
              line.substring(0, at)
                  + marks.charAt(random.nextInt(marks.length()))
                  + line.substring(at));
      case 1 ->
          lines.set(
              i,
              line.isEmpty()
                  ? line
                  : line.substring(0, Math.min(at, line.length() - 1))
                      + line.substring(Math.min(at, line.length() - 1) + 1));
      case 2 -> lines.set(i, " ".repeat(1 + random.nextInt(3)) + line);
      case 3 -> lines.set(i, line.startsWith(" ") ? line.substring(1) : line);
      case 4 -> lines.add(i, line);
      case 5 -> {
        if (i + 1 < lines.size()) {
          lines.set(i, line + lines.remove(i + 1));
        }
      }
      default -> lines.set(i, line.substring(0, at));
    }
    return String.join("\n", lines);
  }

  private void assertSame(String what, byte[] bytes) {
    assertThat(describe(fast.read("in.yaml", bytes)))
        .as(what)
        .isEqualTo(describe(general.read("in.yaml", bytes)));
  }

  /** Documents and problems, with each node's type and whether each object is editable. */
  private static String describe(ManifestReader.Result result) {
    StringBuilder out = new StringBuilder();
    for (Document document : result.documents()) {
      out.append(document.location()).append(' ');
      describe(document.tree(), out);
      out.append('\n');
    }
    for (InputProblem problem : result.problems()) {
      out.append("problem ").append(problem).append('\n');
    }
    return out.toString();
  }

  private static void describe(JsonNode node, StringBuilder out) {
    out.append(node.getClass().getSimpleName());
    if (node.isObject()) {
      boolean frozen = node.properties().getClass().getName().contains("FrozenFields");
      out.append(frozen ? "{" : "+{");
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        out.append(field.getKey()).append('=');
        describe(field.getValue(), out);
        out.append(',');
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (JsonNode element : node) {
        describe(element, out);
        out.append(',');
      }
      out.append(']');
    } else {
      out.append('(').append(node.toString()).append(')');
    }
  }

  private static List<Path> yamlFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }
}
