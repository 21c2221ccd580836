package dev.kube4c.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.config.Config;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The one data-driven test of every rule. For rule R, {@code src/test/resources/rules/R/} holds
 * {@code fail-*} and {@code pass-*} fixtures (files, or folders for multi-file inputs) and an
 * optional {@code config.yaml} (a folder fixture may carry its own {@code .kube4c.yaml}). A fail
 * fixture lists the findings it must produce, one per line:
 *
 * <pre>  # expect: Deployment/shop/web container=app severity=high</pre>
 *
 * ({@code -} instead of the resource for findings without one). The lines may sit in the fixture
 * itself or, for JSON and folders, in {@code fail-NAME.expect} / {@code fail-NAME/expect.txt}.
 * Findings of R must equal the expectations exactly; a pass fixture must give none.
 */
class RuleFixturesTest {

  record Expected(String resource, String container, String severity) {
    static Expected parse(String line) {
      String[] parts = line.trim().split("\\s+");
      String container = null;
      String severity = null;
      for (int i = 1; i < parts.length; i++) {
        if (parts[i].startsWith("container=")) {
          container = parts[i].substring("container=".length());
        } else if (parts[i].startsWith("severity=")) {
          severity = parts[i].substring("severity=".length());
        } else {
          throw new IllegalArgumentException("bad expect line: " + line);
        }
      }
      return new Expected(parts[0], container, severity);
    }

    boolean matches(Finding f) {
      String display = f.resource() == null ? "-" : f.resource().display();
      String own = f.resource() == null ? null : f.resource().container();
      return resource.equals(display)
          && (container == null ? own == null : container.equals(own))
          && (severity == null || severity.equals(f.severity().id()));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyRuleFixture() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Rule rule : RuleCatalogue.builtIn().all()) {
      String id = rule.metadata().id();
      Path dir = Fixtures.RULE_FIXTURES.resolve(id);
      if (!Files.isDirectory(dir)) {
        continue; // RuleCatalogueTest reports rules without fixtures
      }
      if (Files.exists(dir.resolve("registry-fixtures.txt"))
          || Files.exists(dir.resolve("image-fixtures.txt"))) {
        continue; // run against a real registry (ImageSignatureFixturesTest) or test images
        // with OSV records (VulnerabilityFixturesTest)
      }
      Config config =
          Files.exists(dir.resolve("config.yaml"))
              ? Fixtures.config(dir.resolve("config.yaml"))
              : Config.DEFAULT;
      for (Path fixture : Fixtures.list(dir)) {
        String name = fixture.getFileName().toString();
        if (name.endsWith(".expect") || !(name.startsWith("fail") || name.startsWith("pass"))) {
          continue;
        }
        tests.add(
            DynamicTest.dynamicTest(
                id + " " + name, fixture.toUri(), () -> check(id, fixture, config)));
      }
    }
    return tests.stream();
  }

  private static void check(String id, Path fixture, Config ruleConfig) throws IOException {
    Path own = fixture.resolve(".kube4c.yaml");
    Config config =
        Files.isDirectory(fixture) && Files.exists(own) ? Fixtures.config(own) : ruleConfig;
    ScanRequest request = new ScanRequest(config, null, java.util.Set.of(id), null, Fixtures.TODAY);
    ScanResult result = Fixtures.scan(List.of(fixture.toString()), request);
    List<Finding> findings = result.findings().stream().filter(f -> f.ruleId().equals(id)).toList();
    String name = fixture.getFileName().toString();
    if (name.startsWith("pass")) {
      assertThat(findings).as("pass fixture %s must give no %s finding", fixture, id).isEmpty();
      return;
    }
    List<Expected> expected = expectations(fixture);
    assertThat(expected).as("fail fixture %s must declare '# expect:' lines", fixture).isNotEmpty();
    List<Finding> unmatched = new ArrayList<>(findings);
    for (Expected e : expected) {
      Finding match = unmatched.stream().filter(e::matches).findFirst().orElse(null);
      assertThat(match).as("%s: expected %s among %s", fixture, e, describe(findings)).isNotNull();
      unmatched.remove(match);
    }
    assertThat(unmatched)
        .as("%s: unexpected findings", fixture)
        .extracting(RuleFixturesTest::describeOne)
        .isEmpty();
    for (Finding f : findings) {
      assertThat(f.message()).as("finding message").isNotBlank();
    }
  }

  static List<Expected> expectations(Path fixture) throws IOException {
    Path source;
    if (Files.isDirectory(fixture)) {
      source = fixture.resolve("expect.txt");
    } else {
      String base = fixture.getFileName().toString().replaceFirst("\\.[^.]+$", "");
      Path sidecar = fixture.resolveSibling(base + ".expect");
      source = Files.exists(sidecar) ? sidecar : fixture;
    }
    List<Expected> expected = new ArrayList<>();
    for (String line : Files.readAllLines(source)) {
      String trimmed = line.trim();
      if (trimmed.startsWith("# expect:")) {
        expected.add(Expected.parse(trimmed.substring("# expect:".length())));
      } else if (trimmed.startsWith("expect:")) {
        expected.add(Expected.parse(trimmed.substring("expect:".length())));
      }
    }
    return expected;
  }

  private static List<String> describe(List<Finding> findings) {
    return findings.stream().map(RuleFixturesTest::describeOne).toList();
  }

  private static String describeOne(Finding f) {
    return (f.resource() == null ? "-" : f.resource().display())
        + (f.resource() != null && f.resource().container() != null
            ? " container=" + f.resource().container()
            : "")
        + " severity="
        + f.severity().id()
        + " ("
        + f.message()
        + ")";
  }
}
