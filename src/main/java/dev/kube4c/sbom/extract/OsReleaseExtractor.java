package dev.kube4c.sbom.extract;

import dev.kube4c.sbom.OsRelease;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /etc/os-release} and {@code /usr/lib/os-release} (the first wins when both hold one; in
 * Debian the former is a symlink to the latter). Shell-style {@code KEY=value} lines, values
 * optionally quoted.
 */
public final class OsReleaseExtractor implements Extractor {

  public static final String ETC = "etc/os-release";
  public static final String USR_LIB = "usr/lib/os-release";

  @Override
  public boolean wants(String path, int mode, long size) {
    return path.equals(ETC) || path.equals(USR_LIB);
  }

  @Override
  public FileResult extract(String path, InputStream content) throws IOException {
    String text = TextFiles.read(content, 64 * 1024);
    if (text == null) {
      return FileResult.note("/" + path + ": larger than 64 KiB, not read");
    }
    OsRelease os = parse(text);
    return os == null ? FileResult.EMPTY : new FileResult(List.of(), os, List.of());
  }

  static OsRelease parse(String text) {
    Map<String, String> values = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq <= 0 || line.startsWith("#")) {
        continue;
      }
      String value = line.substring(eq + 1).trim();
      if (value.length() >= 2
          && (value.charAt(0) == '"' || value.charAt(0) == '\'')
          && value.charAt(value.length() - 1) == value.charAt(0)) {
        value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
      }
      values.put(line.substring(0, eq).trim(), value);
    }
    String id = values.get("ID");
    if (id == null || id.isEmpty()) {
      return null;
    }
    return new OsRelease(
        id,
        values.getOrDefault("VERSION_ID", ""),
        values.get("VERSION_CODENAME"),
        values.get("PRETTY_NAME"));
  }
}
