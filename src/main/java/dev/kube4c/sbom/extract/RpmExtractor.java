package dev.kube4c.sbom.extract;

import dev.kube4c.sbom.Purls;
import dev.kube4c.sbom.SoftwarePackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RPM packages from the sqlite rpmdb of rpm 4.16+ (Fedora 33+, RHEL/UBI 9, current openSUSE):
 * {@code /var/lib/rpm/rpmdb.sqlite} or {@code /usr/lib/sysimage/rpm/rpmdb.sqlite}. Each row of its
 * {@code Packages} table is an rpm header blob (index entries, then a data store), parsed here for
 * name, epoch, version, release, arch and source rpm. SQLite needs a file, so the database is
 * copied into the cache's scratch folder and deleted after reading. The BerkeleyDB ({@code
 * Packages}) and ndb ({@code Packages.db}) formats of older releases are reported, not read.
 */
public final class RpmExtractor implements Extractor {

  private static final List<String> SQLITE =
      List.of("var/lib/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/rpmdb.sqlite");
  private static final List<String> OLD =
      List.of(
          "var/lib/rpm/Packages",
          "usr/lib/sysimage/rpm/Packages",
          "var/lib/rpm/Packages.db",
          "usr/lib/sysimage/rpm/Packages.db");
  private static final long MAX_BYTES = 1024L * 1024 * 1024;

  private static final int NAME = 1000;
  private static final int VERSION = 1001;
  private static final int RELEASE = 1002;
  private static final int EPOCH = 1003;
  private static final int ARCH = 1022;
  private static final int SOURCERPM = 1044;

  private final Path scratch;

  /**
   * @param scratch a private folder for the temporary copy of the database
   */
  public RpmExtractor(Path scratch) {
    this.scratch = scratch;
  }

  @Override
  public boolean wants(String path, int mode, long size) {
    return SQLITE.contains(path) || OLD.contains(path);
  }

  @Override
  public FileResult extract(String path, InputStream content) throws IOException {
    if (OLD.contains(path)) {
      return FileResult.note(
          "/"
              + path
              + ": "
              + (path.endsWith(".db") ? "ndb" : "BerkeleyDB")
              + " rpm database (rpm before 4.16) is not read; its packages are missing from this"
              + " SBOM");
    }
    Files.createDirectories(scratch);
    Path copy = Files.createTempFile(scratch, "rpmdb", ".sqlite");
    try {
      Files.copy(new BoundedInput(content, MAX_BYTES), copy, StandardCopyOption.REPLACE_EXISTING);
      return FileResult.of(read(copy, "/" + path));
    } catch (SQLException e) {
      return FileResult.note(
          "/" + path + ": not a readable rpm sqlite database (" + e.getMessage() + ")");
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  static List<SoftwarePackage> read(Path db, String location) throws SQLException {
    List<SoftwarePackage> packages = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT blob FROM Packages")) {
      while (rows.next()) {
        Map<Integer, Object> h = header(rows.getBytes(1));
        if (h == null || !(h.get(NAME) instanceof String name) || name.equals("gpg-pubkey")) {
          continue;
        }
        packages.add(toPackage(h, name, location));
      }
    }
    return packages;
  }

  private static SoftwarePackage toPackage(Map<Integer, Object> h, String name, String location) {
    String version = String.valueOf(h.getOrDefault(VERSION, ""));
    String release = String.valueOf(h.getOrDefault(RELEASE, ""));
    Object epoch = h.get(EPOCH);
    String evr = (epoch == null ? "" : epoch + ":") + version + "-" + release;
    String sourceName = null;
    String sourceVersion = null;
    if (h.get(SOURCERPM) instanceof String srpm && srpm.endsWith(".src.rpm")) {
      String nvr = srpm.substring(0, srpm.length() - ".src.rpm".length());
      int r = nvr.lastIndexOf('-');
      int v = r > 0 ? nvr.lastIndexOf('-', r - 1) : -1;
      if (v > 0) {
        sourceName = nvr.substring(0, v);
        String sv = nvr.substring(v + 1);
        sourceVersion = sv.equals(version + "-" + release) ? null : sv;
      }
    }
    Map<String, String> q = new HashMap<>();
    q.put("arch", String.valueOf(h.getOrDefault(ARCH, "")));
    q.put("epoch", epoch == null ? "" : epoch.toString());
    if (sourceName != null && !sourceName.equals(name)) {
      q.put("upstream", sourceName + (sourceVersion == null ? "" : "@" + sourceVersion));
    }
    String purl = Purls.of("rpm", "redhat", name, version + "-" + release, q);
    return new SoftwarePackage(
        "Red Hat",
        name,
        evr,
        sourceName == null ? name : sourceName,
        sourceVersion,
        purl,
        location);
  }

  /** The tags kube4c reads from a header blob (no lead, no magic), or null when it is malformed. */
  static Map<Integer, Object> header(byte[] blob) {
    if (blob == null || blob.length < 8) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(blob);
    int il = b.getInt(0);
    int dl = b.getInt(4);
    long dataStart = 8L + 16L * il;
    if (il < 0 || dl < 0 || dataStart + dl > blob.length) {
      return null;
    }
    Map<Integer, Object> tags = new HashMap<>();
    for (int i = 0; i < il; i++) {
      int at = 8 + 16 * i;
      int tag = b.getInt(at);
      int type = b.getInt(at + 4);
      int offset = b.getInt(at + 8);
      if (offset < 0 || offset >= dl) {
        continue;
      }
      int start = (int) dataStart + offset;
      if (type == 6 || type == 8 || type == 9) { // STRING, STRING_ARRAY, I18NSTRING: first string
        int end = start;
        while (end < dataStart + dl && blob[end] != 0) {
          end++;
        }
        tags.put(tag, new String(blob, start, end - start, StandardCharsets.UTF_8));
      } else if (type == 4 && start + 4 <= dataStart + dl) { // INT32
        tags.put(tag, b.getInt(start));
      }
    }
    return tags;
  }

  /** Stops a copy at the limit, so a huge file cannot fill the disk. */
  private static final class BoundedInput extends java.io.FilterInputStream {
    private long left;

    BoundedInput(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (left <= 0) {
        throw new IOException("rpm database larger than " + (MAX_BYTES >> 20) + " MiB");
      }
      int n = in.read(buf, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public void close() {
      // the layer stream belongs to the caller
    }
  }
}
