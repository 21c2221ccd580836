package dev.kube4c.sbom.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The module build information that the Go linker embeds in every binary (Go 1.13+), read from an
 * ELF file as a stream, the way Go's own {@code debug/buildinfo} finds it: the {@code
 * .go.buildinfo} section lies in a writable {@code PT_LOAD} segment (the first, for Go's own
 * linker; after RELRO data for external linking), and its 32-byte header starts with the magic
 * {@code "\xff Go buildinf:"} at a 16-byte aligned address. The program headers at the start of the
 * file give the segments; their bytes are scanned at aligned offsets as they stream past. Byte 14
 * is the pointer size, byte 15 the flags; with flag 2 (Go 1.18+) the Go version and the module info
 * follow the header as two uvarint-length-prefixed strings. Older binaries hold pointers instead,
 * which need the whole file; they are reported, not read.
 *
 * <p>The module info is the text {@code go version -m} prints: {@code path}, {@code mod}, {@code
 * dep} and {@code =>} (replacement) lines, tab-separated, wrapped in 16-byte sentinels.
 */
public final class GoBuildInfo {

  /** A module: path and version ({@code (devel)} for a main module built from a work tree). */
  public record Module(String path, String version) {}

  /**
   * @param goVersion e.g. {@code go1.22.5}
   * @param path the main package path ({@code path} line), or null
   * @param main the main module, or null (a binary built from a file outside any module)
   * @param deps the dependencies, with replacements applied
   */
  public record Info(String goVersion, String path, Module main, List<Module> deps) {}

  /** Why a binary held no readable build info, for the user. */
  public static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }

  private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
  private static final int HEADER_BYTES = 4096;
  private static final int CHUNK = 1024 * 1024;
  private static final int MAX_INFO_BYTES = 4 * 1024 * 1024;
  private static final int PT_LOAD = 1;
  private static final int PF_W = 2;
  private static final int PF_X = 1;

  private GoBuildInfo() {}

  /** True when the bytes start like an ELF file. */
  public static boolean isElf(byte[] head) {
    return head.length >= 4
        && head[0] == 0x7f
        && head[1] == 'E'
        && head[2] == 'L'
        && head[3] == 'F';
  }

  /**
   * The build info of an ELF binary, or empty when it is not a Go binary. Reads only as far as the
   * build info; the caller drains the rest.
   */
  public static Optional<Info> read(InputStream in) throws IOException, Unreadable {
    byte[] head = in.readNBytes(HEADER_BYTES);
    if (!isElf(head) || head.length < 64) {
      return Optional.empty();
    }
    long[] data = dataSegments(head);
    if (data == null || data[0] < head.length) {
      return Optional.empty(); // no writable segment, or not the layout linkers write
    }
    in.skipNBytes(data[0] - head.length);
    // Scan the data segments at 16-byte aligned file offsets (file offsets and addresses agree
    // modulo the page size), carrying a short tail over chunk boundaries.
    byte[] buf = new byte[CHUNK + 64];
    long bufStart = data[0]; // file offset of buf[0]
    int length = 0;
    long end = data[1];
    while (true) {
      int n =
          in.readNBytes(buf, length, (int) Math.min(buf.length - length, end - bufStart - length));
      length += n;
      int first = (int) ((16 - (bufStart % 16)) % 16);
      int i = first;
      for (; i + 32 <= length; i += 16) {
        if (buf[i] == (byte) 0xff
            && Arrays.equals(buf, i, i + MAGIC.length, MAGIC, 0, MAGIC.length)) {
          int ptrSize = buf[i + 14];
          if (ptrSize == 4 || ptrSize == 8) {
            return Optional.of(parse(Arrays.copyOfRange(buf, i, length), 0, in));
          }
        }
      }
      if (n == 0 || bufStart + length >= end) {
        return Optional.empty();
      }
      int keep = length - i; // unscanned aligned tail, fewer than 32 bytes
      System.arraycopy(buf, i, buf, 0, keep);
      bufStart += i;
      length = keep;
    }
  }

  /**
   * From the program headers: the file offset where the writable (non-executable) PT_LOAD segments
   * start and where they end, or null when there are none.
   */
  private static long[] dataSegments(byte[] head) {
    boolean is64 = head[4] == 2;
    ByteBuffer b =
        ByteBuffer.wrap(head).order(head[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    long phoff = is64 ? b.getLong(32) : Integer.toUnsignedLong(b.getInt(28));
    int phentsize = Short.toUnsignedInt(b.getShort(is64 ? 54 : 42));
    int phnum = Short.toUnsignedInt(b.getShort(is64 ? 56 : 44));
    long start = Long.MAX_VALUE;
    long end = -1;
    for (int i = 0; i < phnum; i++) {
      long at = phoff + (long) i * phentsize;
      if (at < 0 || at + (is64 ? 56 : 32) > head.length) {
        return null;
      }
      int type = b.getInt((int) at);
      int flags = b.getInt((int) at + (is64 ? 4 : 24));
      long offset = is64 ? b.getLong((int) at + 8) : Integer.toUnsignedLong(b.getInt((int) at + 4));
      long size = is64 ? b.getLong((int) at + 32) : Integer.toUnsignedLong(b.getInt((int) at + 16));
      if (type == PT_LOAD && (flags & (PF_W | PF_X)) == PF_W && offset >= 0 && size >= 0) {
        start = Math.min(start, offset);
        end = Math.max(end, offset + size);
      }
    }
    return end < 0 ? null : new long[] {start, end};
  }

  private static Info parse(byte[] window, int offset, InputStream in)
      throws IOException, Unreadable {
    int flags = window[offset + 15];
    if ((flags & 2) == 0) {
      throw new Unreadable("built before Go 1.18 (pointer-format build info), not read");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(window, offset + 32, window.length - offset - 32);
    byte[] data = bytes.toByteArray();
    int[] cursor = {0};
    String version = string(data, cursor, in, bytes);
    data = bytes.toByteArray();
    String modinfo = string(data, cursor, in, bytes);
    if (!version.startsWith("go")) {
      throw new Unreadable("build info without a Go version");
    }
    if (modinfo.length() >= 33 && modinfo.charAt(modinfo.length() - 17) == '\n') {
      modinfo = modinfo.substring(16, modinfo.length() - 16);
    }
    return modules(version, modinfo);
  }

  /** A uvarint-length-prefixed string at cursor, reading more of the stream when needed. */
  private static String string(byte[] data, int[] cursor, InputStream in, ByteArrayOutputStream all)
      throws IOException, Unreadable {
    long length = 0;
    int shift = 0;
    int at = cursor[0];
    while (true) {
      if (at >= data.length || shift > 35) {
        throw new Unreadable("truncated build info");
      }
      int b = data[at++] & 0xff;
      length |= (long) (b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) {
        break;
      }
    }
    if (length > MAX_INFO_BYTES) {
      throw new Unreadable("build info larger than " + (MAX_INFO_BYTES >> 20) + " MiB");
    }
    int end = at + (int) length;
    if (end > all.size()) {
      all.write(in.readNBytes(end - all.size()));
      if (end > all.size()) {
        throw new Unreadable("truncated build info");
      }
      data = all.toByteArray();
    }
    cursor[0] = end;
    return new String(data, at, (int) length, StandardCharsets.UTF_8);
  }

  static Info modules(String goVersion, String modinfo) {
    String path = null;
    Module main = null;
    List<Module> deps = new ArrayList<>();
    for (String line : modinfo.split("\n")) {
      String[] f = line.split("\t");
      switch (f[0]) {
        case "path" -> path = f.length > 1 ? f[1] : null;
        case "mod" -> main = f.length > 2 ? new Module(f[1], f[2]) : null;
        case "dep" -> {
          if (f.length > 2) {
            deps.add(new Module(f[1], f[2]));
          }
        }
        case "=>" -> {
          // a replacement of the line before: the linked code is the replacement's
          if (f.length > 1 && !deps.isEmpty()) {
            Module replaced = deps.get(deps.size() - 1);
            boolean local = f[1].startsWith(".") || f[1].startsWith("/");
            deps.set(
                deps.size() - 1,
                local || f.length < 3
                    ? new Module(replaced.path(), "(devel)") // built from a local folder
                    : new Module(f[1], f[2]));
          }
        }
        default -> {
          // build settings and anything newer
        }
      }
    }
    return new Info(goVersion, path, main, List.copyOf(deps));
  }
}
