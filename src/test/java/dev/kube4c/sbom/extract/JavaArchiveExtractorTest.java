package dev.kube4c.sbom.extract;

import static dev.kube4c.sbom.image.TestImages.jar;
import static dev.kube4c.sbom.image.TestImages.pomProperties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.sbom.SoftwarePackage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Java archives read through their central directory (in memory when small, through a temporary
 * file when large) and, when it cannot be read or the size is not known, as a stream: the same
 * packages either way.
 */
class JavaArchiveExtractorTest {

  private final JavaArchiveExtractor extractor = new JavaArchiveExtractor();

  private static byte[] app(byte[] filler) {
    byte[] nested =
        jar(
            "META-INF/maven/org.example/lib/pom.properties",
            pomProperties("org.example", "lib", "2.0"));
    return jar(
        "META-INF/maven/com.example/app/pom.properties",
        pomProperties("com.example", "app", "1.0"),
        "BOOT-INF/lib/lib-2.0.jar",
        nested,
        "filler.bin",
        filler);
  }

  private List<String> coordinates(FileResult result) {
    return result.packages().stream().map(p -> p.name() + "@" + p.version()).sorted().toList();
  }

  private FileResult read(byte[] archive, long size) throws IOException {
    return extractor.extract("app/app.jar", size, new ByteArrayInputStream(archive));
  }

  @Test
  void smallAndLargeArchivesAndStreamsGiveTheSamePackages() throws IOException {
    byte[] small = app(new byte[16]);
    byte[] noise = new byte[6 * 1024 * 1024]; // random: above the in-memory limit once deflated
    new Random(7).nextBytes(noise);
    byte[] large = app(noise);
    List<String> expected = List.of("com.example:app@1.0", "org.example:lib@2.0");

    assertThat(coordinates(read(small, small.length))).isEqualTo(expected);
    long before = temporaryArchives();
    assertThat(coordinates(read(large, large.length))).isEqualTo(expected);
    assertThat(temporaryArchives()).as("temporary copies removed").isEqualTo(before);
    assertThat(coordinates(read(large, -1))).as("size unknown: streamed").isEqualTo(expected);
    SoftwarePackage lib =
        read(small, small.length).packages().stream()
            .filter(p -> p.name().equals("org.example:lib"))
            .findFirst()
            .orElseThrow();
    assertThat(lib.location())
        .isEqualTo(
            "/app/app.jar!/BOOT-INF/lib/lib-2.0.jar!/META-INF/maven/org.example/lib/pom.properties");
  }

  @Test
  void anArchiveWithoutItsCentralDirectoryIsStillReadAsAStream() throws IOException {
    byte[] whole = app(new byte[16]);
    byte[] cut = Arrays.copyOf(whole, whole.length - 30); // the end of central directory is gone
    FileResult result = read(cut, cut.length);
    assertThat(coordinates(result)).contains("com.example:app@1.0", "org.example:lib@2.0");
    assertThat(result.notes()).singleElement().asString().contains("/app/app.jar: not a readable");
  }

  @Test
  void bytesThatAreNoArchiveGiveANote() throws IOException {
    byte[] junk = "not a zip at all".repeat(100).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    FileResult result = read(junk, junk.length);
    assertThat(result.packages()).isEmpty();
    assertThat(result.notes())
        .containsExactly(
            "/app/app.jar: not a readable archive (Cannot find zip signature within the file)");
  }

  private static long temporaryArchives() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("kube4c-archive-")).count();
    }
  }
}
