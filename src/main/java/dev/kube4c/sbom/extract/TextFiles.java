package dev.kube4c.sbom.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Package databases are small text files; one beyond the limit is reported, not read. */
final class TextFiles {

  static final int MAX_BYTES = 64 * 1024 * 1024;

  private TextFiles() {}

  /** The file as text, or null when it is larger than {@link #MAX_BYTES}. */
  static String read(InputStream in, int maxBytes) throws IOException {
    byte[] bytes = in.readNBytes(maxBytes + 1);
    return bytes.length > maxBytes ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  static String tooLarge(String path, int maxBytes) {
    return "/" + path + ": larger than " + (maxBytes >> 20) + " MiB, not read";
  }
}
