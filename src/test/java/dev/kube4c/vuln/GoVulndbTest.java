package dev.kube4c.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kube4c.sbom.Sbom;
import dev.kube4c.sbom.SoftwarePackage;
import dev.kube4c.vuln.db.AdvisoryIndex;
import dev.kube4c.vuln.db.AdvisoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Matching Go modules and the Go toolchain against the real Go vulnerability database (the module
 * golang.org/x/vulndb, its data/osv records, installed by .ci/install-vulndb.sh). Skipped, with
 * that reason, when it is not installed.
 */
class GoVulndbTest {

  static final Path VULNDB =
      Path.of(
          Optional.ofNullable(System.getenv("KUBE4C_VULNDB_DIR"))
              .orElse("/var/cache/kube4c/vulndb"),
          "osv");

  @TempDir static Path tmp;
  static AdvisoryIndex index;
  static AdvisoryStore.ImportResult imported;

  @BeforeAll
  static void importVulndb() throws IOException {
    if (!Files.isDirectory(VULNDB)) {
      System.err.println(
          "GoVulndbTest skipped: " + VULNDB + " missing (run .ci/install-vulndb.sh)");
      return;
    }
    AdvisoryStore store = new AdvisoryStore(tmp.resolve("db"));
    imported = store.importFiles(List.of(VULNDB), Instant.now());
    index = store.load(store.ecosystems());
  }

  private static List<VulnerabilityMatch> match(String module, String version) {
    assumeTrue(
        index != null,
        "Go vulnerability database not installed at " + VULNDB + " (.ci/install-vulndb.sh)");
    Sbom sbom =
        new Sbom(
            "app",
            null,
            null,
            List.of(new SoftwarePackage("Go", module, version, null, null, null, "/app/server")),
            List.of());
    return new PackageMatcher().match(sbom, index).matches();
  }

  @Test
  void everyRecordImportsCleanly() {
    assumeTrue(imported != null, "Go vulnerability database not installed at " + VULNDB);
    assertThat(imported.recordsRead()).isGreaterThan(4000);
    assertThat(imported.problems()).isEmpty();
  }

  @Test
  void oldTextModuleIsAffectedByItsAdvisories() {
    List<VulnerabilityMatch> v036 = match("golang.org/x/text", "v0.3.6");
    assertThat(v036).extracting(m -> m.advisory().id()).contains("GO-2021-0113", "GO-2022-1059");
    // v0.3.7 is the fix of GO-2021-0113 (CVE-2021-38561) but still affected by GO-2022-1059
    List<VulnerabilityMatch> v037 = match("golang.org/x/text", "v0.3.7");
    assertThat(v037)
        .extracting(m -> m.advisory().id())
        .contains("GO-2022-1059")
        .doesNotContain("GO-2021-0113");
    VulnerabilityMatch m1059 =
        v037.stream()
            .filter(m -> m.advisory().id().equals("GO-2022-1059"))
            .findFirst()
            .orElseThrow();
    assertThat(m1059.advisory().aliases()).contains("CVE-2022-32149");
    assertThat(m1059.packages())
        .singleElement()
        .satisfies(h -> assertThat(h.fixedIn()).isEqualTo("0.3.8"));
    assertThat(match("golang.org/x/text", "v0.3.8"))
        .extracting(m -> m.advisory().id())
        .doesNotContain("GO-2022-1059");
  }

  @Test
  void pseudoVersionsAndTheToolchainMatch() {
    assertThat(match("golang.org/x/text", "v0.0.0-20170915032832-14c0d48ead0c"))
        .extracting(m -> m.advisory().id())
        .contains("GO-2021-0113", "GO-2022-1059");
    List<VulnerabilityMatch> go120 = match("stdlib", "go1.20.1");
    assertThat(go120).hasSizeGreaterThan(20);
    assertThat(go120).allSatisfy(m -> assertThat(m.packages().get(0).fixedIn()).isNotNull());
    assertThat(match("stdlib", "go1.99.0")).isEmpty();
  }
}
