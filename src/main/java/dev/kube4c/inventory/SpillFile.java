package dev.kube4c.inventory;

import dev.kube4c.source.Location;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Serialized objects on disk, appended once and read back by group: the part of a cluster that is
 * not in memory. A temporary file, readable by its owner only, deleted on close.
 */
final class SpillFile implements AutoCloseable {

  /** Where one group's objects lie in the file, in the order they were written. */
  static final class Extents {
    private long[] offsets = new long[8];
    private int[] lengths = new int[8];
    private Location[] locations = new Location[8];
    private int size;

    long bytes() {
      long bytes = 0;
      for (int i = 0; i < size; i++) {
        bytes += lengths[i];
      }
      return bytes;
    }

    private void add(long offset, int length, Location location) {
      if (size == offsets.length) {
        offsets = Arrays.copyOf(offsets, size * 2);
        lengths = Arrays.copyOf(lengths, size * 2);
        locations = Arrays.copyOf(locations, size * 2);
      }
      offsets[size] = offset;
      lengths[size] = length;
      locations[size] = location;
      size++;
    }
  }

  /** Receives one object read back. */
  interface Reader {
    void accept(byte[] bytes, Location location) throws IOException;
  }

  private final Path path;
  private OutputStream out;
  private FileChannel channel;
  private long size;

  private SpillFile(Path path, OutputStream out) {
    this.path = path;
    this.out = out;
  }

  static SpillFile create() {
    try {
      Path path = Files.createTempFile("kube4c-namespaces-", ".spill");
      path.toFile().deleteOnExit();
      return new SpillFile(path, new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a temporary file in "
              + System.getProperty("java.io.tmpdir")
              + ": "
              + e.getMessage()
              + " (KUBE4C_JAVA_OPTS=-Djava.io.tmpdir=DIR names another directory)",
          e);
    }
  }

  void write(byte[] bytes, Location location, Extents extents) throws IOException {
    out.write(bytes);
    extents.add(size, bytes.length, location);
    size += bytes.length;
  }

  /** Ends the writing; reads may follow. */
  void finishWriting() {
    try {
      out.close();
      out = null;
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new UncheckedIOException("finishing the spill file " + path, e);
    }
  }

  void read(Extents extents, Reader reader) throws IOException {
    for (int i = 0; i < extents.size; i++) {
      ByteBuffer buffer = ByteBuffer.allocate(extents.lengths[i]);
      long position = extents.offsets[i];
      while (buffer.hasRemaining()) {
        int read = channel.read(buffer, position + buffer.position());
        if (read < 0) {
          throw new IOException("the spill file " + path + " ends early");
        }
      }
      reader.accept(buffer.array(), extents.locations[i]);
    }
  }

  long size() {
    return size;
  }

  @Override
  public void close() {
    try {
      if (out != null) {
        out.close();
      }
      if (channel != null) {
        channel.close();
      }
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a temporary file that could not be deleted is left to the OS
    }
  }
}
