package dev.kube4c.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.cli.CliRunner;
import dev.kube4c.config.Config;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.images.DockerCredentials;
import dev.kube4c.images.LocalRegistry;
import dev.kube4c.images.OciClient;
import dev.kube4c.images.RegistryException;
import dev.kube4c.sbom.image.ImageSbomReader;
import dev.kube4c.testing.Fixtures;
import dev.kube4c.vuln.db.AdvisoryStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --images} with every real part: an image holding the real Go binary built with
 * golang.org/x/text v0.3.7 (.ci/install-go-fixture.sh), pushed to a real registry (Debian's
 * docker-registry on loopback), the real Go vulnerability database (.ci/install-vulndb.sh) imported
 * through {@code kube4c db import}, and a Deployment scanned by the pipeline in-process and by the
 * command line with {@code --db-dir}.
 */
class ImageScanEndToEndTest {

  /** Built by .ci/install-go-fixture.sh with golang.org/x/text v0.3.7. */
  static final Path GO_BINARY = Path.of("/var/cache/kube4c/sbom-fixtures/gotext");

  private static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  private static final String CONFIG = "application/vnd.oci.image.config.v1+json";

  @TempDir static Path tmp;
  private static LocalRegistry registry;
  private static OciClient client;

  @BeforeAll
  static void pushImageAndImportDatabase() throws Exception {
    assumeTrue(
        Files.isRegularFile(GO_BINARY),
        "skipped: " + GO_BINARY + " missing (run .ci/install-go-fixture.sh; needs Go)");
    assumeTrue(
        Files.isDirectory(GoVulndbTest.VULNDB),
        "skipped: " + GoVulndbTest.VULNDB + " missing (run .ci/install-vulndb.sh)");
    registry = LocalRegistry.start("");
    client = new OciClient(DockerCredentials.NONE, Duration.ofSeconds(10));
    pushGoImage("shop/gotext", "1.0", Files.readAllBytes(GO_BINARY));

    CliRunner imported =
        CliRunner.run(
            "db", "import", "--dir", tmp.resolve("db").toString(), GoVulndbTest.VULNDB.toString());
    assertThat(imported.err()).isEmpty();
    assertThat(imported.exitCode()).isZero();
    assertThat(imported.out()).containsPattern("imported \\d{4,} advisories").contains("Go");
  }

  @AfterAll
  static void stop() throws IOException {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void deploymentRunningTheGoImageGetsItsAdvisoryAndAMissingTagSaysWhy() throws IOException {
    String image = registry.address() + "/shop/gotext:1.0";
    String missing = registry.address() + "/shop/gotext:9.9";
    Path manifest = deployment(image, missing);

    ScanResult result;
    try (ImageSbomReader reader =
        new ImageSbomReader(
            ImageSbomReader.Options.defaults()
                .withClient(client)
                .withCacheDir(tmp.resolve("layers")))) {
      ImageScanner scanner =
          new ImageScanner(
              reader, new AdvisoryStore(tmp.resolve("db")), Duration.ofDays(3650), 2, null);
      ScanRequest request =
          new ScanRequest(
                  Config.DEFAULT,
                  null,
                  Set.of("image-vulnerable", "image-vulnerability-scan-unavailable"),
                  null,
                  LocalDate.now())
              .withImageScanner(scanner);
      result = Fixtures.scan(List.of(manifest.toString()), request);
    }

    assertThat(result.errors()).isEmpty();
    List<Finding> vulnerable = ofRule(result, "image-vulnerable");
    Finding textFinding =
        vulnerable.stream()
            .filter(f -> f.about().get("advisory").contains("GO-2022-1059"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no GO-2022-1059 among " + messages(vulnerable)));
    assertThat(textFinding.resource().display()).isEqualTo("Deployment/shop/web");
    assertThat(textFinding.resource().container()).isEqualTo("app");
    assertThat(textFinding.message())
        .startsWith("spec.template.spec.containers[0].image " + image + ": GO-2022-1059")
        .contains("CVE-2022-32149")
        .contains("golang.org/x/text v0.3.7, fixed in 0.3.8");
    assertThat(textFinding.about().get("package")).contains("golang.org/x/text");
    // GO-2021-0113 was fixed in v0.3.7 itself, so the binary is not affected by it
    assertThat(vulnerable)
        .noneMatch(f -> f.about().get("advisory").contains("GO-2021-0113"))
        .allMatch(f -> "app".equals(f.resource().container()));

    assertThat(ofRule(result, "image-vulnerability-scan-unavailable"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.resource().display()).isEqualTo("Deployment/shop/web");
              assertThat(f.resource().container()).isEqualTo("sidecar");
              assertThat(f.message())
                  .isEqualTo(
                      "spec.template.spec.containers[1].image "
                          + missing
                          + ": not scanned: "
                          + missing
                          + ": no such image in the registry");
            });
  }

  /** The same through the command line, as a user runs it: the store chosen with --db-dir. */
  @Test
  void theCommandLineFindsTheAdvisoryInTheStoreGivenWithDbDir() throws IOException {
    String image = registry.address() + "/shop/gotext:1.0";
    String missing = registry.address() + "/shop/gotext:9.9";
    CliRunner run =
        CliRunner.run(
            "scan",
            "--images",
            "--db-dir",
            tmp.resolve("db").toString(),
            "--rule",
            "image-vulnerable,image-vulnerability-scan-unavailable",
            "-f",
            "json",
            "--fail-on",
            "medium",
            deployment(image, missing).toString());

    // The Go database rates nothing, so its advisories count as medium: at the threshold here.
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode report = new ObjectMapper().readTree(run.out());
    List<String> found = new java.util.ArrayList<>();
    report
        .path("findings")
        .forEach(f -> found.add(f.path("ruleId").asText() + " " + f.path("message").asText()));
    assertThat(found)
        .anyMatch(f -> f.startsWith("image-vulnerable ") && f.contains("GO-2022-1059"))
        .noneMatch(f -> f.contains("GO-2021-0113"))
        .anyMatch(
            f ->
                f.startsWith("image-vulnerability-scan-unavailable ")
                    && f.endsWith(missing + ": no such image in the registry"));
    // The image reader's download threads stop with the scan, so a caller that runs many scans
    // in one JVM does not collect them.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (layerThreads() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(layerThreads()).isZero();
  }

  private static long layerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("kube4c-layer") && t.isAlive())
        .count();
  }

  private static Path deployment(String image, String missing) throws IOException {
    Path manifest = tmp.resolve("deployment.yaml");
    Files.writeString(
        manifest,
        String.join(
            "\n",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata: {name: web, namespace: shop}",
            "spec:",
            "  selector: {matchLabels: {app: web}}",
            "  template:",
            "    metadata: {labels: {app: web}}",
            "    spec:",
            "      containers:",
            "        - {name: app, image: \"" + image + "\"}",
            "        - {name: sidecar, image: \"" + missing + "\"}",
            ""));
    return manifest;
  }

  private static List<Finding> ofRule(ScanResult result, String rule) {
    return result.findings().stream().filter(f -> f.ruleId().equals(rule)).toList();
  }

  private static List<String> messages(List<Finding> findings) {
    return findings.stream().map(Finding::message).toList();
  }

  /** An image of one gzip'd layer holding the binary at /usr/local/bin/gotext. */
  private static void pushGoImage(String repo, String tag, byte[] binary)
      throws IOException, RegistryException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      TarArchiveEntry entry = new TarArchiveEntry("usr/local/bin/gotext");
      entry.setSize(binary.length);
      entry.setMode(0755);
      out.putArchiveEntry(entry);
      out.write(binary);
      out.closeArchiveEntry();
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar.toByteArray());
    }
    byte[] layer = gz.toByteArray();

    ObjectMapper json = new ObjectMapper();
    ObjectNode config = json.createObjectNode().put("architecture", "amd64").put("os", "linux");
    config
        .putObject("rootfs")
        .put("type", "layers")
        .putArray("diff_ids")
        .add(OciClient.sha256(tar.toByteArray()));
    byte[] configBytes = config.toString().getBytes(StandardCharsets.UTF_8);
    ObjectNode manifest =
        json.createObjectNode().put("schemaVersion", 2).put("mediaType", OciClient.OCI_MANIFEST);
    manifest
        .putObject("config")
        .put("mediaType", CONFIG)
        .put("digest", OciClient.sha256(configBytes))
        .put("size", configBytes.length);
    manifest
        .putArray("layers")
        .addObject()
        .put("mediaType", LAYER)
        .put("digest", OciClient.sha256(layer))
        .put("size", layer.length);

    client.pushBlob(registry.address(), repo, layer);
    client.pushBlob(registry.address(), repo, configBytes);
    client.pushManifest(
        registry.address(),
        repo,
        tag,
        manifest.toString().getBytes(StandardCharsets.UTF_8),
        OciClient.OCI_MANIFEST);
  }
}
