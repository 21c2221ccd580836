package dev.kube4c.pss;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kube4c.config.Config;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Upstream's Pod Security Admission fixtures (../shared/conformance/pod-security,
 * LEVEL/vX.Y/{pass,fail}): every pass pod allowed and every fail pod denied at its level and
 * version, by the rule that its file name names (or the restricted rule that replaces that check at
 * the level and version), run through the real scan pipeline with the pss-* rules.
 */
class PssConformanceTest {

  private static final Set<String> PSS_RULES =
      PssPolicy.CHECKS.stream().map(PssCheck::ruleId).collect(Collectors.toSet());
  private static final ObjectMapper YAML = new YAMLMapper();

  private record Outcome(int pods, List<String> failures) {}

  @Test
  void everyFixtureIsJudgedAsUpstreamDoes() throws IOException {
    Path root = Fixtures.shared("conformance/pod-security");
    int pods = 0;
    List<String> failures = new ArrayList<>();
    for (PssLevel level : List.of(PssLevel.BASELINE, PssLevel.RESTRICTED)) {
      for (Path versionDir : Fixtures.list(root.resolve(level.id()))) {
        PssVersion version = PssVersion.parse(versionDir.getFileName().toString()).orElseThrow();
        Outcome outcome = run(versionDir, level, version, version);
        pods += outcome.pods();
        failures.addAll(outcome.failures());
      }
    }
    System.out.printf(
        "PSS conformance: %d of %d fixtures judged as upstream does%n",
        pods - failures.size(), pods);
    assertThat(failures).as("fixtures judged differently from upstream").isEmpty();
    assertThat(pods).isEqualTo(4537);
  }

  @Test
  void latestEqualsTheNewestVersion() throws IOException {
    Path root = Fixtures.shared("conformance/pod-security");
    int newest =
        Fixtures.list(root.resolve("baseline")).stream()
            .mapToInt(p -> PssVersion.parse(p.getFileName().toString()).orElseThrow().minor())
            .max()
            .orElseThrow();
    assertThat(PssVersion.LATEST.effectiveMinor()).isEqualTo(newest);
    // The newest fixtures, judged at "latest", pass exactly as at their own version.
    for (PssLevel level : List.of(PssLevel.BASELINE, PssLevel.RESTRICTED)) {
      Outcome outcome =
          run(
              root.resolve(level.id()).resolve("v1." + newest),
              level,
              PssVersion.of(newest),
              PssVersion.LATEST);
      assertThat(outcome.failures()).isEmpty();
    }
    // Every fixture of every version gets the same result at latest as at the newest version.
    PssEvaluator evaluator = new PssEvaluator();
    int compared = 0;
    for (PssLevel level : List.of(PssLevel.BASELINE, PssLevel.RESTRICTED)) {
      for (Path versionDir : Fixtures.list(root.resolve(level.id()))) {
        for (String kind : List.of("pass", "fail")) {
          for (Path file : Fixtures.list(versionDir.resolve(kind))) {
            PssPod pod = PssPod.ofPod(YAML.readTree(file.toFile()));
            assertThat(evaluator.evaluate(pod, level, PssVersion.LATEST).describe())
                .as("%s", file)
                .isEqualTo(evaluator.evaluate(pod, level, PssVersion.of(newest)).describe());
            compared++;
          }
        }
      }
    }
    assertThat(compared).isEqualTo(4537);
  }

  /**
   * Scans pass/ and fail/ of one version folder at {@code asked}; {@code version} decides the
   * expected rule.
   */
  private static Outcome run(Path versionDir, PssLevel level, PssVersion version, PssVersion asked)
      throws IOException {
    Config config = Config.DEFAULT.withPss(level.id(), asked.toString());
    ScanRequest request = new ScanRequest(config, null, PSS_RULES, null, Fixtures.TODAY);
    int pods = 0;
    List<String> failures = new ArrayList<>();
    for (String kind : List.of("pass", "fail")) {
      Path dir = versionDir.resolve(kind);
      ScanResult result = Fixtures.scan(List.of(dir.toString()), request);
      assertThat(result.errors()).as("input errors in %s", dir).isEmpty();
      Map<String, Set<String>> rulesByPod = new HashMap<>();
      for (Finding f : result.findings()) {
        rulesByPod.computeIfAbsent(f.resource().name(), k -> new TreeSet<>()).add(f.ruleId());
      }
      for (Path file : Fixtures.list(dir)) {
        pods++;
        String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        JsonNode pod = YAML.readTree(file.toFile());
        assertThat(pod.path("metadata").path("name").asText()).isEqualTo(name);
        Set<String> rules = rulesByPod.getOrDefault(name, Set.of());
        String where = level + "/" + versionDir.getFileName() + "/" + kind + "/" + name;
        if (kind.equals("pass")) {
          if (!rules.isEmpty()) {
            failures.add(where + ": allowed upstream, denied by " + rules);
          }
        } else {
          String expected = expectedRule(name, level, version);
          if (!rules.contains(expected)) {
            failures.add(
                where
                    + ": denied upstream by "
                    + expected
                    + ", here "
                    + (rules.isEmpty() ? "allowed" : "denied by " + rules));
          }
        }
      }
    }
    return new Outcome(pods, failures);
  }

  /**
   * hostnamespaces0 → hostNamespaces → pss-baseline-host-namespaces (or the restricted check
   * replacing it).
   */
  static String expectedRule(String fixture, PssLevel level, PssVersion version) {
    String stem = fixture.replaceFirst("[0-9]+$", "");
    Set<String> ids = new HashSet<>();
    for (PssCheck check : PssPolicy.CHECKS) {
      if (check.id().equalsIgnoreCase(stem)) {
        ids.add(check.id());
      }
    }
    assertThat(ids).as("upstream check named by %s", fixture).hasSize(1);
    return PssPolicy.effective(ids.iterator().next(), level, version)
        .map(PssCheck::ruleId)
        .orElse("(no check at " + level + ":" + version + ")");
  }
}
