package dev.kube4c.sbom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kube4c.images.DockerCredentials;
import dev.kube4c.images.LocalRegistry;
import dev.kube4c.images.OciClient;
import dev.kube4c.sbom.Sbom;
import dev.kube4c.sbom.SoftwarePackage;
import dev.kube4c.sbom.image.TestImages.Image;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images built by the test, pushed to a real registry (Debian's docker-registry on loopback) as a
 * multi-arch index, read back through the registry client, an OCI layout and a docker-archive.
 */
class ImageSbomTest {

  private static LocalRegistry registry;
  private static OciClient client;
  private static Image debian;
  private static Image alpine;

  @TempDir Path cache;

  @BeforeAll
  static void pushImages() throws Exception {
    registry = LocalRegistry.start("");
    client = new OciClient(DockerCredentials.NONE, Duration.ofSeconds(10));
    debian =
        TestImages.image(
            "amd64", Fixtures.debianBase(), Fixtures.applications(), Fixtures.upgrades());
    alpine = TestImages.image("arm64", Fixtures.alpine());
    TestImages.push(client, registry.address(), "shop/app", "amd64-only", debian);
    TestImages.push(client, registry.address(), "shop/app", "arm64-only", alpine);
    client.pushManifest(
        registry.address(),
        "shop/app",
        "1.0",
        TestImages.index(List.of(debian, alpine), List.of("linux/amd64", "linux/arm64/v8")),
        OciClient.OCI_INDEX);
  }

  @AfterAll
  static void stop() throws IOException {
    if (registry != null) {
      registry.close();
    }
  }

  private ImageSbomReader reader() {
    return new ImageSbomReader(
        ImageSbomReader.Options.defaults().withClient(client).withCacheDir(cache));
  }

  private static Optional<SoftwarePackage> find(Sbom sbom, String ecosystem, String name) {
    return sbom.packages().stream()
        .filter(p -> p.ecosystem().equals(ecosystem) && p.name().equals(name))
        .findFirst();
  }

  private static List<String> names(Sbom sbom, String ecosystem) {
    return sbom.packages().stream()
        .filter(p -> p.ecosystem().equals(ecosystem))
        .map(p -> p.name() + "@" + p.version())
        .toList();
  }

  @Test
  void indexGivesTheAmd64ImageByDefaultWithEveryKindOfPackage() throws IOException {
    Sbom sbom;
    try (ImageSbomReader reader = reader()) {
      sbom = reader.read(registry.address() + "/shop/app:1.0");
    }
    assertThat(sbom.digest()).isEqualTo(debian.digest());
    assertThat(sbom.os().id()).isEqualTo("debian");
    assertThat(sbom.os().versionId()).isEqualTo("12");
    assertThat(sbom.os().versionCodename()).isEqualTo("bookworm");

    // dpkg: installed packages only, source packages from Source:
    assertThat(names(sbom, "Debian"))
        .hasSize(8)
        .contains("libssl3@3.0.19-1~deb12u2", "zlib1g@1:1.2.13.dfsg-1")
        .noneMatch(n -> n.startsWith("oldpkg"));
    SoftwarePackage libc = find(sbom, "Debian", "libc6").orElseThrow();
    assertThat(libc.sourceName()).isEqualTo("glibc");
    assertThat(libc.sourceVersion()).isNull();
    assertThat(libc.location()).isEqualTo("/var/lib/dpkg/status");
    SoftwarePackage bash = find(sbom, "Debian", "bash").orElseThrow();
    assertThat(bash.sourceName()).isEqualTo("bash");
    assertThat(bash.sourceVersion()).isEqualTo("5.2.15-2");
    assertThat(find(sbom, "Debian", "libssl3").orElseThrow().purl())
        .isEqualTo(
            "pkg:deb/debian/libssl3@3.0.19-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl");

    // Java: pom.properties, a nested jar, a manifest-only nested jar
    assertThat(names(sbom, "Maven"))
        .containsExactly(
            "com.example:demo@1.0.0",
            "com.fasterxml.jackson.core:jackson-core@2.9.0",
            "org.example:plugin@3.1.4");
    assertThat(
            find(sbom, "Maven", "com.fasterxml.jackson.core:jackson-core").orElseThrow().location())
        .isEqualTo(
            "/app/demo.jar!/BOOT-INF/lib/jackson-core-2.9.0.jar!/META-INF/maven/com.fasterxml.jackson.core/jackson-core/pom.properties");
    assertThat(find(sbom, "Maven", "com.example:demo").orElseThrow().purl())
        .isEqualTo("pkg:maven/com.example/demo@1.0.0");

    // Python: the opaque folder hides requests 2.25.0 and PyYAML from the lower layer
    assertThat(names(sbom, "PyPI")).containsExactly("requests@2.31.0", "rpm@4.18.0");
    // Node: lodash whited out; a package.json that is not a package folder's is ignored
    assertThat(names(sbom, "npm")).containsExactly("@babel/core@7.12.0");
    assertThat(find(sbom, "npm", "@babel/core").orElseThrow().purl())
        .isEqualTo("pkg:npm/%40babel/core@7.12.0");
    assertThat(sbom.notes())
        .anyMatch(n -> n.contains("/app/node_modules/broken/package.json") && n.contains("line 1"));
  }

  @Test
  void goBinaryGivesItsModulesAndTheStandardLibrary() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isRegularFile(Fixtures.GO_BINARY),
        "skipped: " + Fixtures.GO_BINARY + " missing (run .ci/install-go-fixture.sh; needs Go)");
    Sbom sbom;
    try (ImageSbomReader reader = reader()) {
      sbom = reader.read(registry.address() + "/shop/app@" + debian.digest());
    }
    assertThat(names(sbom, "Go"))
        .contains("golang.org/x/text@v0.3.7", "example.com/kube4c/gotext@(devel)")
        .anyMatch(n -> n.matches("stdlib@v1\\.\\d+(\\.\\d+)?"));
    SoftwarePackage text = find(sbom, "Go", "golang.org/x/text").orElseThrow();
    assertThat(text.purl()).isEqualTo("pkg:golang/golang.org/x/text@v0.3.7");
    assertThat(text.location()).isEqualTo("/usr/local/bin/gotext");
  }

  @Test
  void platformPicksTheArm64ImageAndAnAbsentPlatformSaysWhatThereIs() throws IOException {
    ImageSbomReader.Options options =
        ImageSbomReader.Options.defaults().withClient(client).withCacheDir(cache);
    try (ImageSbomReader arm = new ImageSbomReader(options.withPlatform("linux/arm64"))) {
      Sbom sbom = arm.read(registry.address() + "/shop/app:1.0");
      assertThat(sbom.os().id()).isEqualTo("alpine");
      assertThat(names(sbom, "Alpine"))
          .containsExactly("busybox@1.36.1-r29", "libcrypto3@3.3.2-r0", "musl@1.2.5-r0");
      SoftwarePackage crypto = find(sbom, "Alpine", "libcrypto3").orElseThrow();
      assertThat(crypto.sourceName()).isEqualTo("openssl");
      assertThat(crypto.purl())
          .isEqualTo(
              "pkg:apk/alpine/libcrypto3@3.3.2-r0?arch=x86_64&distro=alpine-3.20.3&upstream=openssl");
    }
    try (ImageSbomReader s390 = new ImageSbomReader(options.withPlatform("linux/s390x"))) {
      assertThatThrownBy(() -> s390.read(registry.address() + "/shop/app:1.0"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(
              "no linux/s390x image in the index; it has linux/amd64, linux/arm64/v8");
    }
  }

  @Test
  void secondReadComesFromTheCacheWithTheSameResult() throws IOException {
    Sbom first;
    try (ImageSbomReader reader = reader()) {
      first = reader.read(registry.address() + "/shop/app:amd64-only");
      assertThat(reader.tarBytesScanned()).isPositive();
    }
    try (Stream<Path> files = Files.walk(cache.resolve("layers/v1/sha256"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(3);
    }
    try (ImageSbomReader reader = reader()) {
      Sbom second = reader.read(registry.address() + "/shop/app:amd64-only");
      assertThat(reader.tarBytesScanned()).isZero();
      assertThat(second.packages()).isEqualTo(first.packages());
      assertThat(second.os()).isEqualTo(first.os());
    }
  }

  @Test
  void missingImageAndUnreachableRegistryAreClearErrors() throws IOException {
    try (ImageSbomReader reader = reader()) {
      assertThatThrownBy(() -> reader.read(registry.address() + "/shop/nothing:1"))
          .hasMessageContaining("shop/nothing:1");
      int port = LocalRegistry.freePort();
      assertThatThrownBy(() -> reader.read("127.0.0.1:" + port + "/a/b:1"))
          .hasMessageContaining("unreachable");
    }
  }

  @Test
  void ociLayoutWithAZstdLayerAndATag(@TempDir Path dir) throws IOException {
    Image zstd = TestImages.image("amd64", TestImages.Layer.zstded(Fixtures.alpine().tar()));
    TestImages.ociLayout(dir, List.of("v1", "v2"), List.of(debian, zstd));
    try (ImageSbomReader reader = reader()) {
      Sbom sbom = reader.read("oci:" + dir + ":v2");
      assertThat(sbom.os().id()).isEqualTo("alpine");
      assertThat(names(sbom, "Alpine")).hasSize(3);
      assertThat(reader.read("oci:" + dir + ":v1").packages()).isEqualTo(registrySbom().packages());
      assertThatThrownBy(() -> reader.read("oci:" + dir))
          .hasMessageContaining("several images; name one with oci:DIR:TAG");
      assertThatThrownBy(() -> reader.read("oci:" + dir + ":v3"))
          .hasMessageContaining("no image tagged 'v3'");
    }
  }

  @Test
  void dockerArchiveReadsInPlace(@TempDir Path dir) throws IOException {
    Path file = TestImages.dockerArchive(dir.resolve("app.tar"), "shop/app:1.0", debian);
    try (ImageSbomReader reader = reader()) {
      Sbom sbom = reader.read("docker-archive:" + file);
      assertThat(sbom.packages()).isEqualTo(registrySbom().packages());
      assertThatThrownBy(() -> reader.read("docker-archive:" + dir.resolve("none.tar")))
          .hasMessageContaining("no such file");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file); // nothing unpacked next to it
    }
  }

  private Sbom registrySbom() throws IOException {
    try (ImageSbomReader reader = reader()) {
      return reader.read(registry.address() + "/shop/app:amd64-only");
    }
  }
}
