package dev.kube4c.sbom.image;

import dev.kube4c.sbom.extract.Extractor;
import dev.kube4c.sbom.extract.FileResult;
import dev.kube4c.sbom.extract.OsReleaseExtractor;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads one layer as a stream: detects gzip, zstd or plain tar from the first bytes, walks the tar
 * entries, hands the files the extractors want to them, records whiteouts, and checks the layer's
 * digest over every byte read. Nothing is written to disk. Entries whose path leaves the image root
 * ({@code ../}) are skipped with a note; links are never followed.
 */
final class LayerScanner {

  private static final int BUFFER = 256 * 1024;
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private final List<Extractor> extractors;

  LayerScanner(List<Extractor> extractors) {
    this.extractors = List.copyOf(extractors);
  }

  /** Bytes of layer data read (uncompressed tar bytes), for throughput figures. */
  record Scanned(LayerContents contents, long tarBytes) {}

  Scanned scan(LayerRef layer, InputStream stored) {
    String name = shortDigest(layer.digest());
    Map<String, FileResult> files = new LinkedHashMap<>();
    List<String> whiteouts = new ArrayList<>();
    List<String> opaque = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    MessageDigest digest = sha256();
    CountingInput tarCount;
    try (InputStream raw = new BufferedInputStream(stored, BUFFER)) {
      Compression compression = compression(raw); // peeks before the digest sees a byte
      InputStream storedBytes = layer.digestOfTar() ? raw : new DigestInputStream(raw, digest);
      InputStream tarBytes = compression.open(storedBytes);
      tarCount =
          new CountingInput(
              layer.digestOfTar() ? new DigestInputStream(tarBytes, digest) : tarBytes);
      TarArchiveInputStream tar = new TarArchiveInputStream(tarCount);
      int skipped = 0;
      byte[] scratch = new byte[64 * 1024];
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        String path = normalise(entry.getName());
        if (path == null) {
          if (skipped++ < 5) {
            notes.add(
                "layer "
                    + name
                    + ": entry '"
                    + printable(entry.getName())
                    + "' skipped: its path leaves the image root");
          }
          continue;
        }
        if (path.isEmpty() || entry.isDirectory()) {
          continue;
        }
        String base = path.substring(path.lastIndexOf('/') + 1);
        String parent = path.lastIndexOf('/') < 0 ? "" : path.substring(0, path.lastIndexOf('/'));
        if (base.equals(OPAQUE)) {
          opaque.add(parent);
          continue;
        }
        if (base.startsWith(WHITEOUT)) {
          whiteouts.add((parent.isEmpty() ? "" : parent + "/") + base.substring(WHITEOUT.length()));
          continue;
        }
        entry(entry, path, tar, files, notes, name);
        drain(tar, scratch);
      }
      // The digest covers every byte: the tar's end blocks and the compression trailer too.
      tarCount.transferTo(OutputStreamNull.INSTANCE);
      storedBytes.transferTo(OutputStreamNull.INSTANCE);
      if (skipped > 5) {
        notes.add(
            "layer "
                + name
                + ": "
                + (skipped - 5)
                + " more entries with paths leaving the image root skipped");
      }
    } catch (IOException | RuntimeException e) {
      notes.add("layer " + name + ": " + streamProblem(e) + "; files after that point are missing");
      return new Scanned(
          new LayerContents(layer.digest(), files, whiteouts, opaque, notes, false), -1);
    }
    String actual = "sha256:" + HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(layer.digest())) {
      return new Scanned(
          LayerContents.failed(
              layer.digest(),
              "layer "
                  + name
                  + ": content does not match its digest (got "
                  + shortDigest(actual)
                  + "); its packages are not used"),
          tarCount.count);
    }
    return new Scanned(
        new LayerContents(layer.digest(), files, whiteouts, opaque, notes, true), tarCount.count);
  }

  private void entry(
      TarArchiveEntry entry,
      String path,
      InputStream tar,
      Map<String, FileResult> files,
      List<String> notes,
      String layerName)
      throws IOException {
    boolean link = entry.isSymbolicLink() || entry.isLink();
    long size = link ? 0 : entry.getSize();
    for (Extractor extractor : extractors) {
      if (!extractor.wants(path, entry.getMode(), size)) {
        continue;
      }
      if (link) {
        // A link at a watched path hides a lower file but is not followed (it could point
        // anywhere).
        files.put(path, FileResult.EMPTY);
        String target = entry.getLinkName();
        if (entry.isSymbolicLink()
            && !(extractor instanceof OsReleaseExtractor)
            && (target.startsWith("/") || normalise(parentOf(path) + "/" + target) == null)) {
          notes.add(
              "layer "
                  + layerName
                  + ": symlink /"
                  + path
                  + " -> "
                  + printable(target)
                  + " not followed");
        }
      } else if (entry.isFile()) {
        try {
          files.put(path, extractor.extract(path, entry.getSize(), new Unclosable(tar)));
        } catch (EOFException | ZipException e) {
          files.put(
              path, FileResult.note("/" + path + ": could not be read (" + e.getMessage() + ")"));
        }
      }
      return;
    }
  }

  /**
   * Reads the rest of an entry into one reused buffer: the tar reader's own skip allocates a buffer
   * per call, which on a multi-GB layer is as much garbage as data.
   */
  private static void drain(InputStream entry, byte[] scratch) throws IOException {
    while (entry.read(scratch, 0, scratch.length) >= 0) {
      // discard
    }
  }

  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private enum Compression {
    NONE,
    GZIP,
    ZSTD;

    InputStream open(InputStream in) throws IOException {
      return switch (this) {
        case GZIP -> new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
        case ZSTD -> new BufferedInputStream(new ZstdInputStream(in), BUFFER);
        case NONE -> in;
      };
    }
  }

  private static Compression compression(InputStream in) throws IOException {
    in.mark(4);
    byte[] m = in.readNBytes(4);
    in.reset();
    if (m.length >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) {
      return Compression.GZIP;
    }
    if (m.length == 4
        && (m[0] & 0xff) == 0x28
        && (m[1] & 0xff) == 0xb5
        && (m[2] & 0xff) == 0x2f
        && (m[3] & 0xff) == 0xfd) {
      return Compression.ZSTD;
    }
    return Compression.NONE;
  }

  /**
   * The path relative to the image root, without {@code ./} or a leading slash; null when a {@code
   * ..} segment would leave the root.
   */
  static String normalise(String name) {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.remove(parts.size() - 1);
        continue;
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }

  private static String streamProblem(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof EOFException) {
      return "the stream ends early (truncated: " + message + ")";
    }
    if (e instanceof ZipException) {
      return "corrupt gzip data (" + message + ")";
    }
    return "unreadable (" + message + ")";
  }

  static String shortDigest(String digest) {
    return digest.length() > 19 ? digest.substring(0, 19) : digest;
  }

  private static String printable(String s) {
    String clean = s.replaceAll("[\\p{Cntrl}]", "?");
    return clean.length() > 120 ? clean.substring(0, 120) + "…" : clean;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  /** Counts the uncompressed bytes (the throughput figure is over layer data, not stored bytes). */
  private static final class CountingInput extends FilterInputStream {
    long count;

    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    private final byte[] buf = new byte[64 * 1024];

    @Override
    public long skip(long n) throws IOException {
      // read instead of skip, so the digest sees every byte
      long done = 0;
      while (done < n) {
        int r = read(buf, 0, (int) Math.min(buf.length, n - done));
        if (r < 0) {
          break;
        }
        done += r;
      }
      return done;
    }
  }

  /** The tar stream, lent to an extractor, which must not close it. */
  private static final class Unclosable extends FilterInputStream {
    Unclosable(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // the tar stream goes on to the next entry
    }
  }

  private static final class OutputStreamNull extends java.io.OutputStream {
    static final OutputStreamNull INSTANCE = new OutputStreamNull();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
