package dev.kube4c.sbom.extract;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the packages of one kind from the files of an image layer. Paths are relative to the image
 * root, without a leading slash ({@code var/lib/dpkg/status}); the layer scanner hands over only
 * the files an extractor {@linkplain #wants wants}, as a stream it must not close.
 */
public interface Extractor {

  /**
   * @param path the file's path in the image
   * @param mode the file's Unix mode bits
   * @param size the file's size in bytes
   */
  boolean wants(String path, int mode, long size);

  /**
   * @param path the file's path in the image, as given to {@link #wants}
   * @param content the file's bytes, streamed from the layer
   * @throws IOException when the layer stream itself fails; a malformed file gives a note instead
   */
  FileResult extract(String path, InputStream content) throws IOException;

  /**
   * As {@link #extract(String, InputStream)}, knowing the file's size (as {@link #wants} was told),
   * for an extractor that reads the whole file at once.
   */
  default FileResult extract(String path, long size, InputStream content) throws IOException {
    return extract(path, content);
  }
}
