package dev.kube4c.sbom.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kube4c sbom}: end to end through the CLI, on an OCI layout and on an SBOM file. */
class SbomCommandTest {

  @Test
  void writesValidCycloneDxAndReadsItBack(@TempDir Path dir) throws Exception {
    Path layout =
        TestImages.ociLayout(
            dir.resolve("layout"),
            List.of("1.0"),
            List.of(TestImages.image("amd64", Fixtures.debianBase(), Fixtures.alpine())));
    Path out = dir.resolve("app.cdx.json");
    Path cache = dir.resolve("cache");
    CliRunner run =
        CliRunner.run(
            "sbom",
            "oci:" + layout + ":1.0",
            "-o",
            out.toString(),
            "--cache-dir",
            cache.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("kube4c sbom: 11 packages on alpine 3.20.3");
    byte[] json = Files.readAllBytes(out);
    assertThat(new JsonParser().validate(json, Version.VERSION_16)).isEmpty();
    JsonNode bom = TestImages.JSON.readTree(json);
    assertThat(bom.path("metadata").path("component").path("type").asText()).isEqualTo("container");
    assertThat(bom.path("components").findValuesAsText("purl"))
        .contains(
            "pkg:deb/alpine/libc6@2.36-9%2Bdeb12u14?arch=amd64&distro=alpine-3.20.3&upstream=glibc");
    assertThat(Files.isDirectory(cache.resolve("layers"))).isTrue();

    CliRunner text = CliRunner.run("sbom", out.toString(), "-f", "text");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("Alpine\tmusl\t1.2.5-r0\t/lib/apk/db/installed\n");
  }

  @Test
  void unreadableImageIsExitCode2WithAMessage(@TempDir Path dir) {
    CliRunner run =
        CliRunner.run("sbom", "oci:" + dir.resolve("none"), "--cache-dir", dir.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("error: oci:" + dir.resolve("none") + ": not an OCI layout (no index.json)");
    assertThat(run.err()).doesNotContain("Exception");
    CliRunner badPlatform = CliRunner.run("sbom", "x", "--platform", "amd64");
    assertThat(badPlatform.exitCode()).isEqualTo(2);
    assertThat(badPlatform.err()).contains("--platform must be OS/ARCH");
  }
}
