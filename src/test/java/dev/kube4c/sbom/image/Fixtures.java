package dev.kube4c.sbom.image;

import static dev.kube4c.sbom.image.TestImages.jar;
import static dev.kube4c.sbom.image.TestImages.manifestMf;
import static dev.kube4c.sbom.image.TestImages.pomProperties;
import static dev.kube4c.sbom.image.TestImages.resource;

import dev.kube4c.sbom.image.TestImages.Layer;
import dev.kube4c.sbom.image.TestImages.Tar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The images the SBOM tests read. */
final class Fixtures {

  /** Built by .ci/install-go-fixture.sh with golang.org/x/text v0.3.7. */
  static final Path GO_BINARY = Path.of("/var/cache/kube4c/sbom-fixtures/gotext");

  private Fixtures() {}

  static Optional<byte[]> goBinary() throws IOException {
    return Files.isRegularFile(GO_BINARY)
        ? Optional.of(Files.readAllBytes(GO_BINARY))
        : Optional.empty();
  }

  /** Debian base: os-release (through the usual symlink) and a real dpkg status file. */
  static Layer debianBase() {
    return Layer.gzipped(
        new Tar()
            .symlink("etc/os-release", "../usr/lib/os-release")
            .file("usr/lib/os-release", resource("debian-os-release"), 0644)
            .file("var/lib/dpkg/status", resource("dpkg-status"), 0644)
            .file("usr/bin/bash", new byte[100_000], 0755) // not ELF: looked at, nothing found
            .bytes());
  }

  /** Applications: a Spring-Boot-style jar with a nested jar, Python, Node, a Go binary. */
  static Layer applications() throws IOException {
    byte[] nested =
        jar(
            "META-INF/maven/com.fasterxml.jackson.core/jackson-core/pom.properties",
            pomProperties("com.fasterxml.jackson.core", "jackson-core", "2.9.0"));
    byte[] manifestOnly =
        jar(
            "META-INF/MANIFEST.MF",
            manifestMf("Bundle-SymbolicName", "org.example.plugin", "Bundle-Version", "3.1.4"));
    byte[] app =
        jar(
            "META-INF/maven/com.example/demo/pom.properties",
                pomProperties("com.example", "demo", "1.0.0"),
            "BOOT-INF/lib/jackson-core-2.9.0.jar", nested,
            "BOOT-INF/lib/plugin.jar", manifestOnly);
    Tar tar =
        new Tar()
            .file("app/demo.jar", app, 0644)
            .file(
                "usr/lib/python3/dist-packages/requests-2.25.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: requests\nVersion: 2.25.0\n\nRequests is an HTTP library.\nName: not-this\n")
            .file(
                "usr/lib/python3/dist-packages/PyYAML-5.3.egg-info/PKG-INFO",
                "Metadata-Version: 1.1\nName: PyYAML\nVersion: 5.3\n")
            .file(
                "app/node_modules/lodash/package.json",
                "{\"name\":\"lodash\",\"version\":\"4.17.20\"}")
            .file(
                "app/node_modules/@babel/core/package.json",
                "{\"name\":\"@babel/core\",\"version\":\"7.12.0\"}")
            .file(
                "app/node_modules/@babel/core/test/fixtures/package.json",
                "{\"name\":\"fixture\",\"version\":\"0.0.1\"}")
            .file("app/node_modules/broken/package.json", "{\"name\": \"broken\",");
    Optional<byte[]> go = goBinary();
    if (go.isPresent()) {
      tar.file("usr/local/bin/gotext", go.get(), 0755);
    }
    return Layer.gzipped(tar.bytes());
  }

  /** Whiteouts: lodash deleted, the Python folder made opaque and refilled, a jar deleted. */
  static Layer upgrades() {
    return Layer.gzipped(
        new Tar()
            .file("app/node_modules/.wh.lodash", "")
            .file("usr/lib/python3/dist-packages/.wh..wh..opq", "")
            .file(
                "usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n")
            .file(
                "usr/lib/python3/dist-packages/rpm-4.18.0.egg-info",
                "Metadata-Version: 1.0\nName: rpm\nVersion: 4.18.0\n")
            .bytes());
  }

  static Layer alpine() {
    return Layer.gzipped(
        new Tar()
            .file("etc/os-release", resource("alpine-os-release"), 0644)
            .file("lib/apk/db/installed", resource("apk-installed"), 0644)
            .bytes());
  }
}
