package dev.kube4c.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.config.Config;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.Location;
import dev.kube4c.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine asks the verifier once, with every image, and only when an image-signature rule runs.
 */
class ImageVerificationWiringTest {

  private static final String YAML =
      String.join(
          "\n",
          "apiVersion: apps/v1",
          "kind: Deployment",
          "metadata: {name: web, namespace: shop}",
          "spec:",
          "  selector: {matchLabels: {app: web}}",
          "  template:",
          "    metadata: {labels: {app: web}}",
          "    spec:",
          "      initContainers: [{name: init, image: 'r.example/init:1'}]",
          "      containers: [{name: a, image: 'r.example/a:1'}, {name: b, image: 'r.example/a:1'}, {name: c, image: 'r.example/c:1'}]",
          "");

  /** Records calls and answers from a fixed table. */
  private static final class Recording implements ImageVerifier {
    final List<Collection<String>> calls = new ArrayList<>();

    @Override
    public ImageTrust verify(Collection<String> images) {
      calls.add(List.copyOf(images));
      return new ImageTrust(
          true,
          Map.of(
              "r.example/a:1",
              ImageVerdict.verified("sha256:a", "ok"),
              "r.example/c:1",
              ImageVerdict.invalid("sha256:c", "a signature does not verify with any trusted key"),
              "r.example/init:1",
              ImageVerdict.error(null, "registry r.example unreachable")),
          List.of(
              new InputProblem(
                  Location.of("(image r.example/init:1)"),
                  "image verification failed: registry r.example unreachable")));
    }
  }

  @Test
  void verifiesOnceWithDistinctImagesAndReportsErrors(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("web.yaml"), YAML);
    Recording verifier = new Recording();
    ScanRequest request =
        new ScanRequest(
            Config.DEFAULT,
            null,
            Set.of("image-signature-missing", "image-signature-invalid"),
            null,
            Fixtures.TODAY,
            verifier);
    ScanResult result = Fixtures.scan(List.of(file.toString()), request);
    assertThat(verifier.calls)
        .containsExactly(List.of("r.example/a:1", "r.example/c:1", "r.example/init:1"));
    assertThat(result.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("image-signature-invalid");
              assertThat(f.resource().container()).isEqualTo("c");
              assertThat(f.message())
                  .isEqualTo(
                      "spec.template.spec.containers[2].image r.example/c:1: a signature does not verify with any trusted key");
            });
    assertThat(result.errors())
        .extracting(InputProblem::message)
        .containsExactly("image verification failed: registry r.example unreachable");
  }

  @Test
  void notAskedWhenNoImageSignatureRuleRuns(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("web.yaml"), YAML);
    Recording verifier = new Recording();
    Fixtures.scan(
        List.of(file.toString()),
        new ScanRequest(
            Config.DEFAULT, null, Set.of("image-tag-mutable"), null, Fixtures.TODAY, verifier));
    assertThat(verifier.calls).isEmpty();
    ScanResult off =
        Fixtures.scan(
            List.of(file.toString()),
            new ScanRequest(
                Config.DEFAULT, null, Set.of("image-signature-missing"), null, Fixtures.TODAY));
    assertThat(off.findings()).isEmpty();
    assertThat(off.errors()).isEmpty();
  }
}
