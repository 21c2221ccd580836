package dev.kube4c.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.rules.Severity;
import dev.kube4c.sbom.OsRelease;
import dev.kube4c.sbom.Sbom;
import dev.kube4c.sbom.SoftwarePackage;
import dev.kube4c.vuln.db.AdvisoryIndex;
import dev.kube4c.vuln.db.AdvisoryStore;
import dev.kube4c.vuln.osv.Cvss3;
import dev.kube4c.vuln.osv.OsvParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import into the local store, bad input, matching and the CVSS v3 base score. */
class AdvisoryStoreTest {

  @TempDir Path tmp;

  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @Test
  void importsAFolderAndSaysWhatWasWrong() throws IOException {
    AdvisoryStore store = new AdvisoryStore(tmp.resolve("db"));
    AdvisoryStore.ImportResult result = store.importFiles(List.of(TestImages.OSV), NOW);
    assertThat(result.recordsRead()).isEqualTo(8);
    assertThat(result.advisoriesByEcosystem())
        .containsEntry("Debian:12", 2)
        .containsEntry("Debian:11", 1)
        .containsEntry("Alpine:v3.20", 1)
        .containsEntry("PyPI", 2)
        .containsEntry("npm", 2)
        .containsEntry("Maven", 1);
    assertThat(result.gitRangesIgnored()).isEqualTo(1);
    assertThat(result.problems())
        .containsExactly(
            TestImages.OSV.resolve("bad-range.json")
                + ": KUBE4C-TEST-BAD-0001: affected[0].ranges[0].events[1]: fixed 'not a version!' is not a dpkg version; range skipped",
            TestImages.OSV.resolve("bad-range.json")
                + ": KUBE4C-TEST-BAD-0001: affected[0]: no usable range left; zlib is not matched");
    assertThat(store.index().ecosystems().get("Debian:12").importedAt()).isEqualTo(NOW);
  }

  @Test
  void corruptZipKeepsTheRecordsBeforeTheDamage() throws IOException {
    Path zip = tmp.resolve("all.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String name :
          List.of("npm-lodash.json", "npm-versions-list.json", "pypi-requests.json")) {
        out.putNextEntry(new ZipEntry(name));
        out.write(Files.readAllBytes(TestImages.OSV.resolve(name)));
        out.closeEntry();
      }
      out.putNextEntry(new ZipEntry("broken.json"));
      out.write("{\"id\": \"X\", \"affected\": [".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    byte[] bytes = Files.readAllBytes(zip);
    Path truncated = tmp.resolve("truncated.zip");
    // cut the archive inside its third entry: the first two records are whole
    int cut = indexOf(bytes, "pypi-requests.json".getBytes(StandardCharsets.UTF_8)) + 60;
    Files.write(truncated, java.util.Arrays.copyOf(bytes, cut));
    AdvisoryStore store = new AdvisoryStore(tmp.resolve("db"));
    AdvisoryStore.ImportResult whole = store.importFiles(List.of(zip), NOW);
    assertThat(whole.recordsRead()).isEqualTo(3);
    assertThat(whole.problems())
        .singleElement()
        .asString()
        .contains("all.zip!broken.json:")
        .contains("invalid JSON");
    AdvisoryStore other = new AdvisoryStore(tmp.resolve("db2"));
    AdvisoryStore.ImportResult cutShort = other.importFiles(List.of(truncated), NOW);
    assertThat(cutShort.advisoriesByEcosystem()).containsEntry("npm", 2).doesNotContainKey("PyPI");
    assertThat(cutShort.problems())
        .singleElement()
        .asString()
        .contains("truncated.zip: corrupt zip after")
        .contains("the records before it were imported");
  }

  @Test
  void missingInputAndNonRecordsAreProblemsNotCrashes() throws IOException {
    Path notOsv = Files.writeString(tmp.resolve("list.json"), "{\"kind\": \"List\"}");
    AdvisoryStore store = new AdvisoryStore(tmp.resolve("db"));
    AdvisoryStore.ImportResult result =
        store.importFiles(
            List.of(tmp.resolve("nope.zip"), notOsv, TestImages.OSV.resolve("npm-lodash.json")),
            NOW);
    assertThat(result.problems())
        .hasSize(2)
        .anyMatch(p -> p.contains("nope.zip: no such file or folder"))
        .anyMatch(p -> p.contains("list.json: not an OSV record (no 'id')"));
    assertThat(result.advisoriesByEcosystem()).containsEntry("npm", 1);
  }

  @Test
  void importingAgainReplacesAndAdds() throws IOException {
    AdvisoryStore store = new AdvisoryStore(tmp.resolve("db"));
    store.importFiles(List.of(TestImages.OSV.resolve("npm-lodash.json")), NOW);
    store.importFiles(List.of(TestImages.OSV), NOW.plusSeconds(60));
    assertThat(store.index().ecosystems().get("npm").advisories()).isEqualTo(2);
  }

  @Test
  void matchesByReleaseSourceNameAndOrdering() throws IOException {
    AdvisoryStore store = TestImages.store(tmp.resolve("db"), NOW);
    Sbom sbom =
        new Sbom(
            "img",
            null,
            new OsRelease("debian", "11", "bullseye", null),
            List.of(
                new SoftwarePackage(
                    "Debian", "libssl1.1", "1.1.1w-0+deb11u1", "openssl", null, null, null),
                new SoftwarePackage(
                    "Debian", "libcurl4", "7.74.0-1.3+deb11u7", "curl", null, null, null),
                new SoftwarePackage("PyPI", "Requests", "2.3.0", null, null, null, null),
                new SoftwarePackage("PyPI", "flask", "2.2.4", null, null, null, null)),
            List.of());
    AdvisoryIndex index = store.load(store.ecosystems());
    var result = new PackageMatcher().match(sbom, index);
    assertThat(result.matches())
        .extracting(m -> m.advisory().id())
        .containsExactlyInAnyOrder(
            "KUBE4C-TEST-DEB-0001", "KUBE4C-TEST-PYPI-0001", "KUBE4C-TEST-PYPI-0002");
    VulnerabilityMatch openssl =
        result.matches().stream()
            .filter(m -> m.advisory().id().startsWith("KUBE4C-TEST-DEB"))
            .findFirst()
            .orElseThrow();
    assertThat(openssl.packages())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.fixedIn()).isEqualTo("1.1.1w-0+deb11u2");
              assertThat(h.matchedAs()).isEqualTo("openssl");
            });
    assertThat(openssl.severity()).isEqualTo(Severity.HIGH);
    assertThat(openssl.advisory().rating().basis()).contains("= 7.5");
    // no Debian:12 advisory applies to a Debian 11 image, and curl's is Debian:12 only
    assertThat(
            PackageMatcher.ecosystems(sbom.packages().get(1), sbom.os(), index.storedEcosystems()))
        .containsExactly("Debian:11");
  }

  @Test
  void staleDataWarns() throws IOException {
    AdvisoryStore store = TestImages.store(tmp.resolve("db"), NOW);
    ImageScanner scanner =
        new ImageScanner(TestImages.reader(), store, Duration.ofDays(7), 1, null);
    ImageVulnerabilities result =
        scanner.scan(
            Set.of("registry.kube4c.test/shop/web:1.0"), Instant.parse("2026-07-01T00:00:00Z"));
    assertThat(result.notes())
        .anyMatch(
            n ->
                n.startsWith("warning: advisory data older than 7 days: ")
                    && n.contains("Debian:12 (41 days)"));
    ImageVulnerabilities fresh =
        scanner.scan(
            Set.of("registry.kube4c.test/shop/web:1.0"), Instant.parse("2026-05-22T00:00:00Z"));
    assertThat(fresh.notes()).noneMatch(n -> n.contains("Debian:12"));
  }

  @Test
  void emptyStoreSaysHowToFillIt() {
    ImageScanner scanner =
        new ImageScanner(
            TestImages.reader(),
            new AdvisoryStore(tmp.resolve("none")),
            Duration.ofDays(7),
            1,
            null);
    ImageVulnerabilities result = scanner.scan(Set.of("registry.kube4c.test/shop/web:1.0"), NOW);
    assertThat(result.notes())
        .anyMatch(n -> n.contains("is empty: import OSV data with 'kube4c db import"));
    assertThat(result.scan("registry.kube4c.test/shop/web:1.0").orElseThrow().matches()).isEmpty();
  }

  @Test
  void cvss31BaseScores() {
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).contains(9.8);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H")).contains(10.0);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H")).contains(7.5);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N")).contains(6.1);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H")).contains(7.8);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N")).contains(5.9);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N")).contains(5.5);
    assertThat(Cvss3.baseScore("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N")).contains(6.4);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N")).contains(0.0);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:X/AC:L")).isEmpty();
    assertThat(Cvss3.baseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
        .isEmpty();
  }

  @Test
  void cvss40VectorsRateARecordThatHasNoV3One() throws Exception {
    String v4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
    var onlyV4 =
        new ObjectMapper()
            .readTree(
                """
                {"id": "GHSA-test-v4", "modified": "2026-01-01T00:00:00Z",
                 "severity": [{"type": "CVSS_V4", "score": "%s"}],
                 "affected": [{"package": {"ecosystem": "npm", "name": "left-pad"},
                   "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.3.0"}]}]}]}
                """
                    .formatted(v4));
    var rating = new OsvParser().parse(onlyV4, "test").advisory().rating();
    // 9.3 is the CVSS v4.0 specification's score for this vector
    assertThat(rating.basis()).isEqualTo(v4 + " = 9.3");
    assertThat(rating.severity()).isEqualTo(Severity.CRITICAL);

    var both = (ObjectNode) onlyV4.deepCopy();
    ((ArrayNode) both.get("severity"))
        .addObject()
        .put("type", "CVSS_V3")
        .put("score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H");
    assertThat(new OsvParser().parse(both, "test").advisory().rating().basis())
        .as("v3 first, as most databases and scanners rate")
        .endsWith("= 7.5");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i; // the first occurrence: the entry's own header, not the central directory
    }
    return -1;
  }
}
