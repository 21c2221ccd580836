package dev.kube4c.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.config.Config;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.images.CosignImageVerifier;
import dev.kube4c.images.DockerCredentials;
import dev.kube4c.images.LocalRegistry;
import dev.kube4c.images.OciClient;
import dev.kube4c.images.SignedImages;
import dev.kube4c.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixtures of the rule folders marked {@code registry-fixtures.txt}, run like RuleFixturesTest
 * but with image verification on, against the images {@link SignedImages} pushes to a real
 * registry.
 */
class ImageSignatureFixturesTest {

  private static LocalRegistry registry;
  private static SignedImages images;

  @BeforeAll
  static void pushImages(@TempDir Path keys) throws Exception {
    registry = LocalRegistry.start("");
    images = SignedImages.push(registry.address(), keys);
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> registryFixtures(@TempDir Path work) {
    List<DynamicTest> tests = new ArrayList<>();
    for (String id : List.of("image-signature-missing", "image-signature-invalid")) {
      Path dir = Fixtures.RULE_FIXTURES.resolve(id);
      assertThat(dir.resolve("registry-fixtures.txt")).exists();
      for (Path fixture : Fixtures.list(dir)) {
        String name = fixture.getFileName().toString();
        if (name.startsWith("fail") || name.startsWith("pass")) {
          tests.add(
              DynamicTest.dynamicTest(
                  id + " " + name, fixture.toUri(), () -> check(id, fixture, work)));
        }
      }
    }
    return tests.stream();
  }

  private static void check(String id, Path fixture, Path work) throws Exception {
    Path input = work.resolve(id + "-" + fixture.getFileName());
    Files.writeString(
        input, Files.readString(fixture).replace(SignedImages.PLACEHOLDER, images.registry()));
    CosignImageVerifier verifier =
        new CosignImageVerifier(
            new OciClient(DockerCredentials.NONE, Duration.ofSeconds(10)), images.trustedKeys());
    ScanRequest request =
        new ScanRequest(Config.DEFAULT, null, Set.of(id), null, Fixtures.TODAY, verifier);
    ScanResult result = Fixtures.scan(List.of(input.toString()), request);
    assertThat(result.errors()).as("scan errors").isEmpty();
    List<Finding> findings = result.findings().stream().filter(f -> f.ruleId().equals(id)).toList();
    if (fixture.getFileName().toString().startsWith("pass")) {
      assertThat(findings).as("pass fixture %s", fixture).isEmpty();
      return;
    }
    List<RuleFixturesTest.Expected> expected = RuleFixturesTest.expectations(fixture);
    assertThat(expected).isNotEmpty();
    List<Finding> unmatched = new ArrayList<>(findings);
    for (RuleFixturesTest.Expected e : expected) {
      Finding match = unmatched.stream().filter(e::matches).findFirst().orElse(null);
      assertThat(match).as("%s: expected %s among %s", fixture, e, findings).isNotNull();
      assertThat(match.message()).contains(".image " + images.registry());
      unmatched.remove(match);
    }
    assertThat(unmatched).as("unexpected findings in %s", fixture).isEmpty();
  }
}
