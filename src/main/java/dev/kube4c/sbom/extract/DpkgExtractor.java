package dev.kube4c.sbom.extract;

import dev.kube4c.sbom.Purls;
import dev.kube4c.sbom.SoftwarePackage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian packages: {@code /var/lib/dpkg/status}, and the one-stanza-per-package files of {@code
 * /var/lib/dpkg/status.d/} that distroless images carry instead. Only installed packages count; the
 * {@code Source:} field ({@code name} or {@code name (version)}) gives the source package that
 * Debian advisories name.
 */
public final class DpkgExtractor implements Extractor {

  static final String STATUS = "var/lib/dpkg/status";
  static final String STATUS_D = "var/lib/dpkg/status.d/";

  @Override
  public boolean wants(String path, int mode, long size) {
    return path.equals(STATUS)
        || (path.startsWith(STATUS_D)
            && path.indexOf('/', STATUS_D.length()) < 0
            && !path.endsWith(".md5sums"));
  }

  @Override
  public FileResult extract(String path, InputStream content) throws IOException {
    String text = TextFiles.read(content, TextFiles.MAX_BYTES);
    if (text == null) {
      return FileResult.note(TextFiles.tooLarge(path, TextFiles.MAX_BYTES));
    }
    return FileResult.of(parse(text, "/" + path));
  }

  static List<SoftwarePackage> parse(String text, String location) {
    List<SoftwarePackage> packages = new ArrayList<>();
    for (Map<String, String> stanza : stanzas(text)) {
      String name = stanza.get("Package");
      String version = stanza.get("Version");
      String status = stanza.get("Status");
      if (name == null || version == null || (status != null && !status.endsWith(" installed"))) {
        continue;
      }
      String sourceName = name;
      String sourceVersion = null;
      String source = stanza.get("Source");
      if (source != null && !source.isBlank()) {
        int paren = source.indexOf('(');
        sourceName = (paren < 0 ? source : source.substring(0, paren)).trim();
        if (paren >= 0 && source.endsWith(")")) {
          sourceVersion = source.substring(paren + 1, source.length() - 1).trim();
        }
      }
      if (version.equals(sourceVersion)) {
        sourceVersion = null;
      }
      String upstream =
          sourceName.equals(name) && sourceVersion == null
              ? null
              : sourceName + (sourceVersion == null ? "" : "@" + sourceVersion);
      String purl =
          Purls.of(
              "deb",
              "debian",
              name,
              version,
              Map.of("arch", stanza.getOrDefault("Architecture", ""), "upstream", nz(upstream)));
      packages.add(
          new SoftwarePackage("Debian", name, version, sourceName, sourceVersion, purl, location));
    }
    return packages;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** RFC 822-style stanzas separated by blank lines; continuation lines are not needed here. */
  static List<Map<String, String>> stanzas(String text) {
    List<Map<String, String>> stanzas = new ArrayList<>();
    Map<String, String> current = new HashMap<>();
    for (String line : text.split("\n", -1)) {
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          stanzas.add(current);
          current = new HashMap<>();
        }
        continue;
      }
      char first = line.charAt(0);
      if (first == ' ' || first == '\t') {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        current.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    if (!current.isEmpty()) {
      stanzas.add(current);
    }
    return stanzas;
  }
}
