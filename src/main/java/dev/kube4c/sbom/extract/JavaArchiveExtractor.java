package dev.kube4c.sbom.extract;

import dev.kube4c.sbom.Purls;
import dev.kube4c.sbom.SoftwarePackage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Java archives (jar, war, ear and the nested jars inside them, as Spring Boot and application
 * servers ship them), read through their central directory (or as a stream when large): each
 * archive's {@code META-INF/maven/**}{@code /pom.properties} gives Maven coordinates; an archive
 * without one falls back to its {@code META-INF/MANIFEST.MF} ({@code Implementation-*} or {@code
 * Bundle-*}).
 */
public final class JavaArchiveExtractor implements Extractor {

  private static final int MAX_DEPTH = 4;
  private static final int MAX_SMALL_FILE = 1024 * 1024;

  /** Archives up to this size are read in memory, larger ones through a temporary file. */
  private static final int MAX_IN_MEMORY = 1024 * 1024;

  @Override
  public boolean wants(String path, int mode, long size) {
    return isArchive(path);
  }

  private static boolean isArchive(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".jar") || lower.endsWith(".war") || lower.endsWith(".ear");
  }

  @Override
  public FileResult extract(String path, InputStream content) throws IOException {
    return extract(path, -1, content);
  }

  @Override
  public FileResult extract(String path, long size, InputStream content) throws IOException {
    List<SoftwarePackage> packages = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    readArchive("/" + path, content, size, 0, packages, notes);
    return new FileResult(packages, null, notes);
  }

  /**
   * @param size the archive's size in bytes, or -1 when not known
   */
  private void readArchive(
      String location,
      InputStream in,
      long size,
      int depth,
      List<SoftwarePackage> out,
      List<String> notes)
      throws IOException {
    // Read through the central directory: only the entries wanted are read, where a stream must
    // inflate (or, for stored ones, scan) every entry whose local header gives no size, as the
    // JDK's jar tool and ZipOutputStream write them; a Maven repository's jars are mostly classes.
    // Small archives in memory, larger ones through a temporary file, so memory stays bounded.
    // Streamed when the size is not known or the central directory cannot be read.
    if (size < 0) {
      readStream(location, in, depth, out, notes);
      return;
    }
    if (size <= MAX_IN_MEMORY) {
      byte[] bytes = new byte[(int) size];
      int read = in.readNBytes(bytes, 0, bytes.length);
      if (read != bytes.length
          || !readCentralDirectory(
              location, new SeekableInMemoryByteChannel(bytes), depth, out, notes)) {
        readStream(location, new ByteArrayInputStream(bytes, 0, read), depth, out, notes);
      }
      return;
    }
    Path copy;
    try {
      copy = Files.createTempFile("kube4c-archive-", ".zip");
    } catch (IOException e) {
      readStream(location, in, depth, out, notes); // no writable temporary folder
      return;
    }
    try {
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      boolean read;
      try (SeekableByteChannel channel = Files.newByteChannel(copy)) {
        read = readCentralDirectory(location, channel, depth, out, notes);
      }
      if (!read) {
        try (InputStream again = Files.newInputStream(copy)) {
          readStream(location, again, depth, out, notes);
        }
      }
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  /** False when the bytes have no readable central directory (to be streamed instead). */
  private boolean readCentralDirectory(
      String location,
      SeekableByteChannel archive,
      int depth,
      List<SoftwarePackage> out,
      List<String> notes)
      throws IOException {
    int before = out.size();
    int notesBefore = notes.size();
    Manifest manifest = null;
    try (ZipFile zip =
        ZipFile.builder().setSeekableByteChannel(archive).setIgnoreLocalFileHeader(true).get()) {
      for (ZipArchiveEntry entry : java.util.Collections.list(zip.getEntries())) {
        if (!entry.isDirectory()) {
          try (InputStream content = zip.getInputStream(entry)) {
            Manifest read =
                entry(location, entry.getName(), entry.getSize(), content, depth, out, notes);
            manifest = read != null ? read : manifest;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // The bytes are all there: what failed is the archive's format, which the stream reader
      // reports.
      out.subList(before, out.size()).clear();
      notes.subList(notesBefore, notes.size()).clear();
      return false;
    }
    manifestIfNothingElse(manifest, before, location, out);
    return true;
  }

  private void readStream(
      String location, InputStream in, int depth, List<SoftwarePackage> out, List<String> notes)
      throws IOException {
    // Commons Compress, not java.util.zip: it skips an unwanted entry's compressed bytes when the
    // local header gives its size instead of inflating it. Closed (through a shield that keeps the
    // outer stream open) to free the inflater's native memory now rather than at some later GC:
    // thousands of jars would hold hundreds of MB.
    int before = out.size();
    Manifest manifest = null;
    try (ZipArchiveInputStream zip =
        new ZipArchiveInputStream(CloseShieldInputStream.wrap(in), "UTF-8", true, true)) {
      for (ZipArchiveEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (!entry.isDirectory()) {
          Manifest read = entry(location, entry.getName(), -1, zip, depth, out, notes);
          manifest = read != null ? read : manifest;
        }
      }
    } catch (IOException e) {
      // A truncated or malformed archive ("Truncated ZIP file"); a failing layer stream fails again
      // at the layer's next entry and is reported there.
      notes.add(location + ": not a readable archive (" + e.getMessage() + ")");
    }
    manifestIfNothingElse(manifest, before, location, out);
  }

  /** The manifest's coordinates, for an archive that gave no pom.properties package. */
  private static void manifestIfNothingElse(
      Manifest manifest, int before, String location, List<SoftwarePackage> out) {
    if (out.size() == before && manifest != null) {
      fromManifest(manifest, location).ifPresent(out::add);
    }
  }

  /** One entry of an archive: its package, or its manifest (returned), or a nested archive. */
  private Manifest entry(
      String location,
      String name,
      long size,
      InputStream content,
      int depth,
      List<SoftwarePackage> out,
      List<String> notes)
      throws IOException {
    if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
      pomProperties(content, location + "!/" + name).ifPresent(out::add);
    } else if (name.equals("META-INF/MANIFEST.MF")) {
      return new Manifest(new ByteArrayInputStream(content.readNBytes(MAX_SMALL_FILE)));
    } else if (isArchive(name)) {
      if (depth + 1 >= MAX_DEPTH) {
        notes.add(location + "!/" + name + ": archives nested deeper than " + MAX_DEPTH);
      } else {
        readArchive(location + "!/" + name, content, size, depth + 1, out, notes);
      }
    }
    return null;
  }

  private static java.util.Optional<SoftwarePackage> pomProperties(InputStream in, String location)
      throws IOException {
    Properties properties = new Properties();
    try {
      properties.load(new ByteArrayInputStream(in.readNBytes(MAX_SMALL_FILE)));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty(); // malformed \\u escape
    }
    String group = properties.getProperty("groupId", "").trim();
    String artifact = properties.getProperty("artifactId", "").trim();
    String version = properties.getProperty("version", "").trim();
    if (group.isEmpty() || artifact.isEmpty() || version.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(maven(group, artifact, version, location));
  }

  /**
   * Coordinates from a manifest, for archives without pom.properties: the version from {@code
   * Implementation-Version} or {@code Bundle-Version} (first word), the artifact from the file name
   * without its version, else the title; the group from {@code Implementation-Vendor-Id}, else
   * {@code Bundle-SymbolicName} (less a trailing {@code .artifact}). Without a group there is no
   * Maven name an advisory could use, and nothing is reported.
   */
  private static java.util.Optional<SoftwarePackage> fromManifest(
      Manifest manifest, String location) {
    Attributes a = manifest.getMainAttributes();
    String symbolic = a.getValue("Bundle-SymbolicName");
    if (symbolic != null) {
      symbolic = symbolic.replaceFirst(";.*", "").trim();
    }
    String version = first(a.getValue("Implementation-Version"), a.getValue("Bundle-Version"));
    if (version == null) {
      return java.util.Optional.empty();
    }
    version = version.trim().split("\\s+")[0];
    String file = location.substring(location.lastIndexOf('/') + 1).replaceFirst("\\.[jwe]ar$", "");
    String artifact;
    String group = a.getValue("Implementation-Vendor-Id");
    if (file.endsWith("-" + version)) {
      artifact = file.substring(0, file.length() - version.length() - 1);
      group = first(group, symbolic != null && symbolic.contains(".") ? symbolic : null);
    } else if (group == null && symbolic != null && symbolic.lastIndexOf('.') > 0) {
      artifact = symbolic.substring(symbolic.lastIndexOf('.') + 1);
      group = symbolic.substring(0, symbolic.lastIndexOf('.'));
    } else {
      artifact = first(a.getValue("Implementation-Title"), symbolic);
    }
    if (artifact == null || group == null || artifact.contains(" ")) {
      return java.util.Optional.empty();
    }
    if (group.endsWith("." + artifact)) {
      group = group.substring(0, group.length() - artifact.length() - 1);
    }
    return java.util.Optional.of(
        maven(group.trim(), artifact.trim(), version, location + "!/META-INF/MANIFEST.MF"));
  }

  private static String first(String a, String b) {
    return a != null && !a.isBlank() ? a : (b != null && !b.isBlank() ? b : null);
  }

  private static SoftwarePackage maven(
      String group, String artifact, String version, String location) {
    return new SoftwarePackage(
        "Maven",
        group + ":" + artifact,
        version,
        null,
        null,
        Purls.of("maven", group, artifact, version, Map.of()),
        location);
  }
}
