package dev.kube4c.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Catalogue hygiene: complete metadata, fixtures for every rule, and agreement with spec/RULES.md.
 */
class RuleCatalogueTest {

  private final List<Rule> rules = RuleCatalogue.builtIn().all();

  @Test
  void everyRuleHasCompleteMetadata() {
    assertThat(rules).isNotEmpty();
    for (Rule rule : rules) {
      RuleMetadata m = rule.metadata();
      assertThat(m.id()).as("id").matches("[a-z0-9]+(-[a-z0-9*]+)*");
      assertThat(m.title()).as("title of %s", m.id()).isNotBlank();
      assertThat(m.rationale()).as("rationale of %s", m.id()).hasSizeGreaterThan(40);
      assertThat(m.remediation())
          .as("remediation of %s", m.id())
          .hasSizeGreaterThan(20)
          .endsWith(".");
      assertThat(m.references()).as("references of %s", m.id()).isNotEmpty();
    }
  }

  @Test
  void everyRuleHasFailingAndPassingFixtures() {
    for (Rule rule : rules) {
      Path dir = Fixtures.RULE_FIXTURES.resolve(rule.metadata().id());
      assertThat(dir).as("fixture folder of %s", rule.metadata().id()).isDirectory();
      List<String> names =
          Fixtures.list(dir).stream().map(p -> p.getFileName().toString()).toList();
      assertThat(names)
          .as("fail fixture of %s", rule.metadata().id())
          .anyMatch(n -> n.startsWith("fail") && !n.endsWith(".expect"));
      assertThat(names)
          .as("pass fixture of %s", rule.metadata().id())
          .anyMatch(n -> n.startsWith("pass"));
    }
  }

  @Test
  void idsAndDefaultSeveritiesMatchTheSpecification() throws IOException {
    Path spec = Fixtures.shared("spec/RULES.md");
    Map<String, String> specified = new HashMap<>();
    // Table rows: | id | flags | [CIS |] severity |
    Pattern row =
        Pattern.compile(
            "^\\|\\s*([a-z0-9-]+)\\s*\\|.*\\|\\s*(critical|high|medium|low|info)\\s*\\|\\s*$");
    for (String line : Files.readAllLines(spec)) {
      Matcher m = row.matcher(line);
      if (m.matches()) {
        specified.put(m.group(1), m.group(2));
      }
    }
    assertThat(specified).hasSizeGreaterThan(100);
    for (Rule rule : rules) {
      String id = rule.metadata().id();
      if (specified.containsKey(id)) {
        assertThat(rule.metadata().severity().id())
            .as("default severity of %s", id)
            .isEqualTo(specified.get(id));
      }
    }
  }
}
