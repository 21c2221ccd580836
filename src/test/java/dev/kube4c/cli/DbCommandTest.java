package dev.kube4c.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kube4c db import|status} and {@code scan --images} through the CLI. */
class DbCommandTest {

  @TempDir Path tmp;

  @Test
  void importThenStatus() {
    String dir = tmp.resolve("db").toString();
    CliRunner empty = CliRunner.run("db", "status", "--dir", dir);
    assertThat(empty.exitCode()).isZero();
    assertThat(empty.out()).contains("empty: import OSV data with 'kube4c db import FILE...'");

    CliRunner imported =
        CliRunner.run("db", "import", "--dir", dir, "src/test/resources/vuln/osv/npm-lodash.json");
    assertThat(imported.exitCode()).isZero();
    assertThat(imported.out()).contains("imported 1 advisories from 1 records").contains("npm");
    assertThat(imported.err()).isEmpty();

    CliRunner status = CliRunner.run("db", "status", "--dir", dir);
    assertThat(status.out()).containsPattern("npm\\s+1\\s+20\\d\\d-");
  }

  @Test
  void badInputIsListedAndExitsTwo() throws IOException {
    Path zip = Files.write(tmp.resolve("all.zip"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
    CliRunner run =
        CliRunner.run(
            "db",
            "import",
            "--dir",
            tmp.resolve("db").toString(),
            zip.toString(),
            "src/test/resources/vuln/osv");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("all.zip: no OSV records (*.json entries) in this zip: empty or corrupt")
        .contains("bad-range.json: KUBE4C-TEST-BAD-0001: affected[0].ranges[0].events[1]")
        .doesNotContain("Exception\n\tat ");
    assertThat(run.out()).contains("imported 9 advisories from 8 records");
  }

  @Test
  void scanImagesThatCannotBeReadSaysWhy() throws IOException {
    Path pod = tmp.resolve("pod.yaml");
    Files.writeString(
        pod,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: api, namespace: shop}\nspec:\n"
            + "  containers:\n    - {name: a, image: \"oci:"
            + tmp.resolve("no-such-layout")
            + ":1.0\"}\n");
    CliRunner run =
        CliRunner.run(
            "scan",
            "--images",
            "--rule",
            "image-vulnerability-scan-unavailable",
            "--fail-on",
            "low",
            pod.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("image-vulnerability-scan-unavailable")
        .contains("not scanned: ")
        .contains("no-such-layout");
  }
}
