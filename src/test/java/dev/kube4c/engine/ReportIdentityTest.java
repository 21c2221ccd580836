package dev.kube4c.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.config.Config;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.report.JsonReporter;
import dev.kube4c.report.ReportOptions;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Performance work must not change a single byte of what a scan reports. The JSON report (time and
 * version fixed) of every rule-fixture folder and of ../shared/corpus (without and with Pod
 * Security restricted) is compared with the SHA-256 recorded in {@code
 * src/test/resources/report-identity.txt}, and the same inputs scanned a namespace at a time (as
 * large inputs are) must give the same bytes.
 *
 * <p>Only the rules named in the recording run, so a rule added later does not change the digests;
 * a fixture folder added later is listed as not recorded. When a change is meant to alter reports,
 * record again with {@code -Dkube4c.identity.record=true}; to see what differs, write the reports
 * with {@code -Dkube4c.identity.dump=DIR} on both commits and diff the folders.
 */
class ReportIdentityTest {

  private static final Path RECORDING = Path.of("src/test/resources/report-identity.txt");
  private static final Instant SCANNED_AT = Instant.parse("2026-06-01T12:00:00Z");

  @Test
  void reportsAreByteForByteTheRecordedOnes() throws IOException {
    boolean record = Boolean.getBoolean("kube4c.identity.record");
    Optional<Path> dump =
        Optional.ofNullable(System.getProperty("kube4c.identity.dump")).map(Path::of);
    Recording recorded = record ? null : Recording.read(RECORDING);
    Set<String> rules = record ? catalogueIds() : recorded.rules();
    assertThat(catalogueIds()).as("recorded rules still in the catalogue").containsAll(rules);

    Map<String, String> actual = new LinkedHashMap<>();
    Map<String, String> streamed = new LinkedHashMap<>();
    for (Path dir : Fixtures.list(Fixtures.RULE_FIXTURES)) {
      String name = "fixtures/" + dir.getFileName();
      actual.put(name, digest(scan(dir, rules, Config.DEFAULT, false), dump, name));
      streamed.put(name, digest(scan(dir, rules, Config.DEFAULT, true), dump, name + "-streamed"));
    }
    // Relative to the checkout, so that file names in the reports (and the digests) do not depend
    // on where the checkout is (CI clones it elsewhere, with ../shared beside it).
    Optional<Path> corpus =
        Fixtures.sharedIfPresent("corpus")
            .map(p -> Path.of("").toAbsolutePath().relativize(p.toAbsolutePath()).normalize());
    if (corpus.isPresent()) {
      actual.put(
          "corpus", digest(scan(corpus.get(), rules, Config.DEFAULT, false), dump, "corpus"));
      Config restricted = Config.DEFAULT.withPss("restricted", "latest");
      actual.put(
          "corpus-pss-restricted",
          digest(scan(corpus.get(), rules, restricted, false), dump, "corpus-pss-restricted"));
      streamed.put(
          "corpus-pss-restricted",
          digest(scan(corpus.get(), rules, restricted, true), dump, "corpus-streamed"));
    } else {
      System.out.println("ReportIdentityTest: corpus skipped, ../shared/corpus is not present");
    }

    // Large inputs are read and scanned a namespace at a time (Pipeline.streamAboveBytes()): the
    // same reports, byte for byte.
    Map<String, String> whole = new LinkedHashMap<>(actual);
    whole.keySet().retainAll(streamed.keySet());
    assertThat(streamed)
        .as("JSON reports scanned a namespace at a time, against one inventory")
        .containsExactlyEntriesOf(whole);
    if (record) {
      write(rules, actual);
      return;
    }
    List<String> unrecorded = new ArrayList<>();
    Map<String, String> expected = new LinkedHashMap<>();
    actual.forEach(
        (name, digest) -> {
          if (recorded.digests().containsKey(name)) {
            expected.put(name, recorded.digests().get(name));
          } else {
            unrecorded.add(name);
          }
        });
    if (!unrecorded.isEmpty()) {
      System.out.println(
          "ReportIdentityTest: not recorded (new since the recording): " + unrecorded);
    }
    actual.keySet().retainAll(expected.keySet());
    assertThat(actual)
        .as("JSON reports against %s (see the class comment to record or diff)", RECORDING)
        .containsExactlyEntriesOf(expected);
    assertThat(expected).as("fixture folders compared").hasSizeGreaterThan(100);
  }

  private static ScanResult scan(Path input, Set<String> rules, Config config, boolean streamed) {
    Path own = input.resolve("config.yaml");
    Config effective = Files.isRegularFile(own) ? Fixtures.config(own) : config;
    ScanRequest request = new ScanRequest(effective, null, rules, null, Fixtures.TODAY);
    List<String> paths = List.of(input.toString());
    return (streamed ? Fixtures.scanStreamed(paths, request) : Fixtures.scan(paths, request))
        .withScannedAt(SCANNED_AT)
        .withToolVersion("0.0.0-test");
  }

  private static String digest(ScanResult result, Optional<Path> dump, String name)
      throws IOException {
    StringWriter out = new StringWriter();
    new JsonReporter().write(result, ReportOptions.PLAIN, out);
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    // A file gets the report as bytes through Jackson's UTF-8 generator: the same bytes as the
    // report written as text.
    ByteArrayOutputStream asBytes = new ByteArrayOutputStream();
    new JsonReporter().write(result, ReportOptions.PLAIN, asBytes);
    assertThat(asBytes.toByteArray())
        .as("%s written as bytes (%d findings) as written as text", name, result.findings().size())
        .isEqualTo(bytes);
    if (dump.isPresent()) {
      Files.createDirectories(dump.get());
      Files.write(dump.get().resolve(name + ".json"), bytes);
    }
    try {
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      return sha + " " + result.findings().size();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> catalogueIds() {
    return RuleCatalogue.builtIn().all().stream()
        .map(Rule::metadata)
        .map(m -> m.id())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static void write(Set<String> rules, Map<String, String> digests) throws IOException {
    StringBuilder text = new StringBuilder();
    text.append("# JSON report digests (sha256, findings) for ReportIdentityTest; recorded with\n");
    text.append("# ./mvnw test -Dtest=ReportIdentityTest -Dkube4c.identity.record=true\n");
    text.append("rules ").append(String.join(",", rules)).append('\n');
    digests.forEach((name, digest) -> text.append(name).append(' ').append(digest).append('\n'));
    Files.writeString(RECORDING, text);
  }

  private record Recording(Set<String> rules, Map<String, String> digests) {
    static Recording read(Path file) throws IOException {
      Set<String> rules = new TreeSet<>();
      Map<String, String> digests = new LinkedHashMap<>();
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        int space = line.indexOf(' ');
        String name = line.substring(0, space);
        String value = line.substring(space + 1);
        if (name.equals("rules")) {
          rules.addAll(List.of(value.split(",")));
        } else {
          digests.put(name, value);
        }
      }
      return new Recording(rules, digests);
    }
  }
}
