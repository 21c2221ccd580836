package dev.kube4c.sbom.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sqlite rpmdb (the schema rpm 4.16+ writes: {@code Packages(hnum, blob)}) filled with rpm
 * header blobs built here as the rpm header format lays them out.
 */
class RpmExtractorTest {

  /** An rpm header blob: index entries (tag, type, offset, count), then the data store. */
  static byte[] header(Map<Integer, Object> tags) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    ByteBuffer index = ByteBuffer.allocate(16 * tags.size());
    for (Map.Entry<Integer, Object> e : tags.entrySet()) {
      int type;
      if (e.getValue() instanceof Integer i) {
        while (data.size() % 4 != 0) {
          data.write(0);
        }
        index.putInt(e.getKey()).putInt(4).putInt(data.size()).putInt(1);
        data.writeBytes(ByteBuffer.allocate(4).putInt(i).array());
        continue;
      }
      type = 6;
      index.putInt(e.getKey()).putInt(type).putInt(data.size()).putInt(1);
      data.writeBytes(((String) e.getValue()).getBytes(StandardCharsets.UTF_8));
      data.write(0);
    }
    byte[] store = data.toByteArray();
    return ByteBuffer.allocate(8 + index.capacity() + store.length)
        .putInt(tags.size())
        .putInt(store.length)
        .put(index.array())
        .put(store)
        .array();
  }

  static Map<Integer, Object> pkg(
      String name, Integer epoch, String version, String release, String srpm) {
    Map<Integer, Object> tags = new LinkedHashMap<>();
    tags.put(1000, name);
    tags.put(1001, version);
    tags.put(1002, release);
    if (epoch != null) {
      tags.put(1003, epoch);
    }
    tags.put(1022, "x86_64");
    tags.put(1044, srpm);
    return tags;
  }

  @Test
  void sqliteRpmdbGivesPackagesWithEpochAndSourceRpm(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("rpmdb.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      c.createStatement()
          .execute(
              "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)");
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO Packages (blob) VALUES (?)")) {
        for (Map<Integer, Object> p :
            java.util.List.of(
                pkg("openssl-libs", 1, "3.0.7", "27.el9", "openssl-3.0.7-27.el9.src.rpm"),
                pkg("bash", null, "5.1.8", "9.el9", "bash-5.1.8-9.el9.src.rpm"),
                pkg("gpg-pubkey", null, "fd431d51", "4ae0493b", "(none)"))) {
          insert.setBytes(1, header(p));
          insert.executeUpdate();
        }
        insert.setBytes(1, new byte[] {1, 2, 3}); // a broken row is skipped
        insert.executeUpdate();
      }
    }
    Path scratch = dir.resolve("scratch");
    RpmExtractor extractor = new RpmExtractor(scratch);
    assertThat(extractor.wants("var/lib/rpm/rpmdb.sqlite", 0644, 1)).isTrue();
    FileResult result;
    try (InputStream in = Files.newInputStream(db)) {
      result = extractor.extract("var/lib/rpm/rpmdb.sqlite", in);
    }
    assertThat(result.notes()).isEmpty();
    assertThat(result.packages())
        .extracting(p -> p.name() + " " + p.version() + " " + p.sourceName() + " " + p.purl())
        .containsExactly(
            "openssl-libs 1:3.0.7-27.el9 openssl pkg:rpm/redhat/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1&upstream=openssl",
            "bash 5.1.8-9.el9 bash pkg:rpm/redhat/bash@5.1.8-9.el9?arch=x86_64");
    try (Stream<Path> left = Files.list(scratch)) {
      assertThat(left).isEmpty(); // the temporary copy is gone
    }
  }

  @Test
  void berkeleyDbAndBrokenFilesAreReportedNotRead(@TempDir Path dir) throws Exception {
    RpmExtractor extractor = new RpmExtractor(dir);
    FileResult bdb =
        extractor.extract("var/lib/rpm/Packages", new ByteArrayInputStream(new byte[4096]));
    assertThat(bdb.notes())
        .singleElement()
        .asString()
        .contains("/var/lib/rpm/Packages: BerkeleyDB rpm database (rpm before 4.16) is not read");
    FileResult broken =
        extractor.extract(
            "var/lib/rpm/rpmdb.sqlite",
            new ByteArrayInputStream("not sqlite".getBytes(StandardCharsets.UTF_8)));
    assertThat(broken.packages()).isEmpty();
    assertThat(broken.notes())
        .singleElement()
        .asString()
        .contains("not a readable rpm sqlite database");
  }
}
