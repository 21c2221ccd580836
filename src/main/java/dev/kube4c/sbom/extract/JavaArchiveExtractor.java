package dev.kube4c.sbom.extract;

import dev.kube4c.sbom.Purls;
import dev.kube4c.sbom.SoftwarePackage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Java archives (jar, war, ear and the nested jars inside them, as Spring Boot and application
 * servers ship them), read as a stream: each archive's {@code META-INF/maven/**}{@code
 * /pom.properties} gives Maven coordinates; an archive without one falls back to its {@code
 * META-INF/MANIFEST.MF} ({@code Implementation-*} or {@code Bundle-*}).
 */
public final class JavaArchiveExtractor implements Extractor {

  private static final int MAX_DEPTH = 4;
  private static final int MAX_SMALL_FILE = 1024 * 1024;

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
    List<SoftwarePackage> packages = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    readArchive("/" + path, content, 0, packages, notes);
    return new FileResult(packages, null, notes);
  }

  private void readArchive(
      String location, InputStream in, int depth, List<SoftwarePackage> out, List<String> notes)
      throws IOException {
    // Commons Compress, not java.util.zip: it skips an unwanted entry's compressed bytes when the
    // local header gives its size (as Maven and Gradle write jars) instead of inflating it.
    // Closed (through a shield that keeps the outer stream open) to free the inflater's native
    // memory now rather than at some later GC: thousands of jars would hold hundreds of MB.
    int before = out.size();
    Manifest manifest = null;
    try (ZipArchiveInputStream zip =
        new ZipArchiveInputStream(CloseShieldInputStream.wrap(in), "UTF-8", true, true)) {
      for (ZipArchiveEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        String name = entry.getName();
        if (entry.isDirectory()) {
          continue;
        }
        if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
          pomProperties(zip, location + "!/" + name).ifPresent(out::add);
        } else if (name.equals("META-INF/MANIFEST.MF")) {
          manifest = new Manifest(new ByteArrayInputStream(zip.readNBytes(MAX_SMALL_FILE)));
        } else if (isArchive(name)) {
          if (depth + 1 >= MAX_DEPTH) {
            notes.add(location + "!/" + name + ": archives nested deeper than " + MAX_DEPTH);
          } else {
            readArchive(location + "!/" + name, zip, depth + 1, out, notes);
          }
        }
      }
    } catch (ZipException | java.io.EOFException e) {
      notes.add(location + ": not a readable archive (" + e.getMessage() + ")");
    }
    if (out.size() == before && manifest != null) {
      fromManifest(manifest, location).ifPresent(out::add);
    }
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
