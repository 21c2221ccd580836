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
 * Alpine (and Wolfi) packages from {@code /lib/apk/db/installed}: one block per package, one-letter
 * keys ({@code P} name, {@code V} version, {@code A} arch, {@code o} origin = source package).
 */
public final class ApkExtractor implements Extractor {

  static final String INSTALLED = "lib/apk/db/installed";

  @Override
  public boolean wants(String path, int mode, long size) {
    return path.equals(INSTALLED);
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
    Map<String, String> block = new HashMap<>();
    for (String line : (text + "\n\n").split("\n", -1)) {
      if (line.isBlank()) {
        String name = block.get("P");
        String version = block.get("V");
        if (name != null && version != null) {
          String origin = block.get("o");
          String purl =
              Purls.of(
                  "apk",
                  "alpine",
                  name,
                  version,
                  Map.of(
                      "arch",
                      block.getOrDefault("A", ""),
                      "upstream",
                      origin == null || origin.equals(name) ? "" : origin));
          packages.add(
              new SoftwarePackage(
                  "Alpine", name, version, origin == null ? name : origin, null, purl, location));
        }
        block.clear();
      } else if (line.length() >= 2 && line.charAt(1) == ':') {
        block.putIfAbsent(line.substring(0, 1), line.substring(2).trim());
      }
    }
    return packages;
  }
}
