package dev.kube4c.source;

/**
 * Where a document or problem sits in its input: file path (or "-" for stdin), 1-based line and
 * column. Objects read from a live cluster have no file: they carry {@code source} (e.g. {@code
 * cluster/prod}), and {@code file} repeats it so that code which only knows files still prints
 * something meaningful.
 */
public record Location(String file, int line, int column, String source) {

  public Location(String file, int line, int column) {
    this(file, line, column, null);
  }

  public static Location of(String file) {
    return new Location(file, 0, 0);
  }

  /** A place that is not a file, such as {@code cluster/<context>}. */
  public static Location ofSource(String source) {
    return new Location(source, 0, 0, source);
  }

  /** True for objects and problems that did not come from a file. */
  public boolean isSource() {
    return source != null;
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column : file;
  }
}
