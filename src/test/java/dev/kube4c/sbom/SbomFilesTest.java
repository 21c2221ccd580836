package dev.kube4c.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CycloneDX output (schema-valid 1.6), and CycloneDX and SPDX files read back as an Sbom. */
class SbomFilesTest {

  private static final Sbom SAMPLE =
      new Sbom(
          "registry.example/shop/app:1.0",
          "sha256:" + "ab".repeat(32),
          new OsRelease("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)"),
          List.of(
              new SoftwarePackage(
                  "Debian",
                  "libc6",
                  "2.36-9+deb12u4",
                  "glibc",
                  null,
                  "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc",
                  "/var/lib/dpkg/status"),
              new SoftwarePackage(
                  "Debian",
                  "bash",
                  "5.2.15-2+b2",
                  "bash",
                  "5.2.15-2",
                  "pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12&upstream=bash%405.2.15-2",
                  "/var/lib/dpkg/status"),
              new SoftwarePackage(
                  "Maven",
                  "com.fasterxml.jackson.core:jackson-core",
                  "2.9.0",
                  null,
                  null,
                  "pkg:maven/com.fasterxml.jackson.core/jackson-core@2.9.0",
                  "/app/a.jar!/x"),
              new SoftwarePackage(
                  "Maven",
                  "com.fasterxml.jackson.core:jackson-core",
                  "2.9.0",
                  null,
                  null,
                  "pkg:maven/com.fasterxml.jackson.core/jackson-core@2.9.0",
                  "/app/b.jar!/x"),
              new SoftwarePackage(
                  "Go",
                  "golang.org/x/text",
                  "v0.3.7",
                  null,
                  null,
                  "pkg:golang/golang.org/x/text@v0.3.7",
                  "/usr/local/bin/app")),
          List.of());

  @Test
  void cycloneDxOutputIsValid16AndReadsBackTheSamePackages(@TempDir Path dir) throws IOException {
    String json = CycloneDxWriter.toJson(SAMPLE, "0.1.0");
    assertThat(new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), Version.VERSION_16))
        .isEmpty();
    assertThat(json)
        .contains("\"specVersion\" : \"1.6\"")
        .contains("\"type\" : \"operating-system\"");
    Path file = Files.writeString(dir.resolve("app.cdx.json"), json);
    assertThat(SbomFiles.looksLikeSbom(file)).isTrue();
    Sbom back = SbomFiles.read(file);
    assertThat(back.packages()).isEqualTo(SAMPLE.packages());
    assertThat(back.subject()).isEqualTo(SAMPLE.subject());
    assertThat(back.digest()).isEqualTo(SAMPLE.digest());
    assertThat(back.os().id()).isEqualTo("debian");
    assertThat(back.os().versionId()).isEqualTo("12");
  }

  @Test
  void spdxFromASyftStyleFile() throws Exception {
    Path file = Path.of(getClass().getResource("/sbom/syft-style.spdx.json").toURI());
    Sbom sbom = SbomFiles.read(file);
    assertThat(sbom.os()).isEqualTo(new OsRelease("debian", "12", null, null));
    assertThat(sbom.packages())
        .extracting(
            p ->
                p.ecosystem()
                    + " "
                    + p.name()
                    + " "
                    + p.version()
                    + " "
                    + p.sourceName()
                    + " "
                    + p.location())
        .containsExactly(
            "Debian libssl3 3.0.11-1~deb12u2 openssl /var/lib/dpkg/status",
            "Go golang.org/x/text v0.3.7 null null");
    assertThat(sbom.notes())
        .singleElement()
        .asString()
        .contains("1 packages without a purl not used");
  }

  @Test
  void foreignCycloneDxWithoutKube4cPropertiesUsesThePurl(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("trivy.cdx.json"),
            "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":["
                + "{\"type\":\"library\",\"name\":\"musl\",\"version\":\"1.2.4-r2\","
                + "\"purl\":\"pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=3.18.4\"},"
                + "{\"type\":\"library\",\"name\":\"requests\",\"purl\":\"pkg:pypi/requests@2.25.0\"},"
                + "{\"type\":\"library\",\"name\":\"nopurl\"}]}");
    Sbom sbom = SbomFiles.read(file);
    assertThat(sbom.packages())
        .extracting(p -> p.ecosystem() + " " + p.name() + " " + p.version())
        .containsExactly("Alpine musl 1.2.4-r2", "PyPI requests 2.25.0");
    assertThat(sbom.os()).isEqualTo(new OsRelease("alpine", "3.18.4", null, null));
    assertThat(sbom.notes()).singleElement().asString().contains("1 components without a purl");
  }

  @Test
  void badFilesSayWhereAndWhy(@TempDir Path dir) throws IOException {
    Path broken =
        Files.writeString(
            dir.resolve("broken.json"), "{\n  \"bomFormat\": \"CycloneDX\",\n  oops\n}");
    assertThatThrownBy(() -> SbomFiles.read(broken))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(broken + ":3:3: not valid JSON");
    Path other = Files.writeString(dir.resolve("other.json"), "{\"kind\":\"Pod\"}");
    assertThatThrownBy(() -> SbomFiles.read(other))
        .hasMessage(other + ": neither a CycloneDX nor an SPDX JSON document");
  }
}
