package dev.kube4c.sbom.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.sbom.Sbom;
import dev.kube4c.sbom.image.TestImages.Image;
import dev.kube4c.sbom.image.TestImages.Layer;
import dev.kube4c.sbom.image.TestImages.Tar;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken, hostile and huge layers: each gives a clear note, and the other layers are read. */
class BadLayersTest {

  @TempDir Path cache;

  private static final Layer GOOD =
      Layer.gzipped(
          new Tar()
              .file(
                  "usr/lib/python3/site-packages/six-1.15.0.dist-info/METADATA",
                  "Name: six\nVersion: 1.15.0\n")
              .bytes());

  private Sbom read(Path layout, Layer... layers) throws IOException {
    Image image = TestImages.image("amd64", layers);
    TestImages.ociLayout(layout, List.of("t"), List.of(image));
    try (ImageSbomReader reader =
        new ImageSbomReader(ImageSbomReader.Options.defaults().withCacheDir(cache))) {
      return reader.read("oci:" + layout + ":t");
    }
  }

  @Test
  void corruptLayerIsReportedAndTheOthersRead(@TempDir Path dir) throws IOException {
    byte[] garbage = new byte[4096];
    new java.util.Random(7).nextBytes(garbage);
    garbage[0] = 0x1f;
    garbage[1] = (byte) 0x8b; // gzip magic, then noise
    Sbom sbom = read(dir, new Layer(garbage, TestImages.LAYER_GZIP, garbage), GOOD);
    assertThat(sbom.packages()).extracting(p -> p.name()).containsExactly("six");
    assertThat(sbom.notes())
        .singleElement()
        .asString()
        .startsWith("layer " + TestImages.sha256(garbage).substring(0, 19))
        .contains("files after that point are missing");
  }

  @Test
  void truncatedGzipKeepsWhatCameBeforeTheCutAndIsNotCached(@TempDir Path dir) throws IOException {
    byte[] filler = new byte[256 * 1024];
    new java.util.Random(3).nextBytes(filler); // incompressible, so the cut lands after the apk db
    byte[] tar =
        new Tar()
            .file("lib/apk/db/installed", TestImages.resource("apk-installed"), 0644)
            .file("opt/blob.bin", filler, 0644)
            .bytes();
    byte[] gz = TestImages.gzip(tar);
    byte[] cut = Arrays.copyOf(gz, gz.length / 2);
    Sbom sbom = read(dir, new Layer(cut, TestImages.LAYER_GZIP, tar), GOOD);
    assertThat(sbom.packages())
        .extracting(p -> p.name())
        .contains("musl", "busybox", "libcrypto3", "six");
    assertThat(sbom.notes()).anyMatch(n -> n.contains("the stream ends early (truncated"));
    try (Stream<Path> cached = Files.walk(cache)) {
      assertThat(
              cached
                  .filter(p -> p.toString().endsWith(".json"))
                  .map(p -> p.getFileName().toString()))
          .hasSize(1) // only the good layer
          .noneMatch(n -> n.startsWith(TestImages.sha256(cut).substring(7)));
    }
  }

  @Test
  void dotDotPathsAndEscapingSymlinksAreSkippedNeverFollowed(@TempDir Path dir) throws IOException {
    Layer hostile =
        Layer.gzipped(
            new Tar()
                .raw("../../../../tmp/kube4c-escape/lib/apk/db/installed", "P:evil\nV:1\n\n")
                .raw("./a/../../etc/passwd", "root:x:0:0")
                .symlink("var/lib/dpkg/status", "/etc/shadow")
                .symlink("lib/apk/db/installed", "../../../../../root/.ssh/id_rsa")
                .file(
                    "app/node_modules/left-pad/package.json",
                    "{\"name\":\"left-pad\",\"version\":\"1.3.0\"}")
                .bytes());
    Sbom sbom = read(dir, hostile, GOOD);
    assertThat(sbom.packages())
        .extracting(p -> p.name())
        .containsExactlyInAnyOrder("left-pad", "six");
    assertThat(sbom.notes())
        .anyMatch(
            n ->
                n.contains(
                    "'../../../../tmp/kube4c-escape/lib/apk/db/installed' skipped: its path leaves the image root"))
        .anyMatch(n -> n.contains("'./a/../../etc/passwd' skipped"))
        .anyMatch(n -> n.contains("symlink /var/lib/dpkg/status -> /etc/shadow not followed"))
        .anyMatch(
            n ->
                n.contains(
                    "symlink /lib/apk/db/installed -> ../../../../../root/.ssh/id_rsa not followed"));
    assertThat(Path.of("/tmp/kube4c-escape")).doesNotExist();
    try (Stream<Path> written = Files.walk(cache)) {
      // the cache holds JSON summaries only, never image files
      assertThat(written.filter(Files::isRegularFile))
          .allMatch(p -> p.toString().endsWith(".json"));
    }
  }

  @Test
  void blobThatDoesNotMatchItsDigestIsNotUsed(@TempDir Path dir) throws IOException {
    Image image = TestImages.image("amd64", Fixtures.alpine(), GOOD);
    TestImages.ociLayout(dir, List.of("t"), List.of(image));
    Path blob =
        dir.resolve(
            "blobs/sha256/" + TestImages.sha256(image.layers().get(0).stored()).substring(7));
    Files.write(blob, GOOD.stored()); // swapped content
    try (ImageSbomReader reader =
        new ImageSbomReader(ImageSbomReader.Options.defaults().withCacheDir(cache))) {
      Sbom sbom = reader.read("oci:" + dir + ":t");
      assertThat(sbom.packages()).extracting(p -> p.name()).containsExactly("six");
      assertThat(sbom.notes())
          .singleElement()
          .asString()
          .contains("content does not match its digest");
    }
  }

  @Test
  void zstdLayerIsRead(@TempDir Path dir) throws IOException {
    Sbom sbom = read(dir, Layer.zstded(Fixtures.alpine().tar()));
    assertThat(sbom.packages()).hasSize(3);
  }

  /**
   * A layer of {@value #HUGE} bytes (one file of zeros, then a package database) streamed through a
   * pipe, never held in memory or written to disk: the database after it is found, and the heap
   * stays small.
   */
  static final long HUGE = 2L * 1024 * 1024 * 1024;

  @Test
  void twoGibLayerIsStreamed() throws Exception {
    byte[] status = TestImages.resource("dpkg-status");
    String digest = hugeTar(OutputStream.nullOutputStream(), status);
    LayerScanner scanner = new LayerScanner(List.of(new dev.kube4c.sbom.extract.DpkgExtractor()));
    PipedInputStream in = new PipedInputStream(1024 * 1024);
    PipedOutputStream out = new PipedOutputStream(in);
    Thread writer =
        new Thread(
            () -> {
              try (out) {
                hugeTar(out, status);
              } catch (IOException e) {
                // the reader failed; its assertion says why
              }
            });
    writer.start();
    Runtime rt = Runtime.getRuntime();
    long before = rt.totalMemory() - rt.freeMemory();
    LayerScanner.Scanned scanned = scanner.scan(new LayerRef(digest, HUGE, true), in);
    writer.join();
    long after = rt.totalMemory() - rt.freeMemory();
    assertThat(scanned.contents().notes()).isEmpty();
    assertThat(scanned.contents().complete()).isTrue();
    assertThat(scanned.tarBytes()).isGreaterThan(HUGE);
    assertThat(scanned.contents().files().get("var/lib/dpkg/status").packages()).hasSize(8);
    assertThat(after - before).isLessThan(256L * 1024 * 1024);
  }

  /** Writes the huge tar to out and returns its digest. */
  private static String hugeTar(OutputStream out, byte[] status) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (java.security.DigestOutputStream digesting =
            new java.security.DigestOutputStream(out, sha);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(digesting)) {
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      TarArchiveEntry big = new TarArchiveEntry("data/zeros.bin");
      big.setSize(HUGE);
      big.setModTime(0); // the same bytes on both passes
      tar.putArchiveEntry(big);
      byte[] zeros = new byte[1024 * 1024];
      for (long left = HUGE; left > 0; left -= zeros.length) {
        tar.write(zeros, 0, (int) Math.min(zeros.length, left));
      }
      tar.closeArchiveEntry();
      TarArchiveEntry db = new TarArchiveEntry("var/lib/dpkg/status");
      db.setSize(status.length);
      db.setModTime(0);
      tar.putArchiveEntry(db);
      tar.write(status);
      tar.closeArchiveEntry();
      tar.finish();
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  @Test
  void layerThatIsNotATarIsReported(@TempDir Path dir) throws IOException {
    byte[] text =
        "this is not a tar archive, just text".repeat(40).getBytes(StandardCharsets.UTF_8);
    Sbom sbom = read(dir, new Layer(text, "application/vnd.oci.image.layer.v1.tar", text), GOOD);
    assertThat(sbom.packages()).extracting(p -> p.name()).containsExactly("six");
    assertThat(sbom.notes()).singleElement().asString().contains("unreadable");
  }
}
