package dev.kube4c.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kube4c.source.Document;
import dev.kube4c.source.KubernetesObjects;
import dev.kube4c.source.ManifestReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes → {@link ManifestReader} → inventory → every rule → JSON report. The reader promises never
 * to throw for bad content and rules must not fail on any object, so anything escaping here is a
 * finding. Fuzzing runs only in the {@code fuzz} profile (see docs/fuzzing.md); crash inputs become
 * files under src/test/resources/fuzz/loader/, replayed by FuzzRegressionTest in every build.
 */
class LoaderFuzzTest {

  private final ManifestReader reader = new ManifestReader();

  @FuzzTest(maxDuration = "10m")
  void readsAnyBytes(byte[] bytes) {
    ManifestReader.Result result = reader.read("fuzz.yaml", bytes);
    List<Document> resources = new ArrayList<>();
    for (Document document : result.documents()) {
      if (document.tree() == null || document.location() == null) {
        throw new IllegalStateException("document without tree or location");
      }
      if (KubernetesObjects.isResource(document.tree())) {
        resources.add(document);
      }
    }
    result.problems().forEach(p -> {
      if (p.location() == null || p.message() == null || p.message().isBlank()) {
        throw new IllegalStateException("problem without location or message: " + p);
      }
    });
    FuzzSupport.scanAll(resources, result.problems());
  }
}
