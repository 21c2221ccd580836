package dev.kube4c.source;

/** Where a document or problem sits in its input: file path (or "-" for stdin), 1-based line and column. */
public record Location(String file, int line, int column) {

  public static Location of(String file) {
    return new Location(file, 0, 0);
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column : file;
  }
}
