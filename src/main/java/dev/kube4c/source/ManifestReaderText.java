package dev.kube4c.source;

/** Small byte-level checks shared by the readers. */
final class ManifestReaderText {

  private ManifestReaderText() {}

  static boolean hasNul(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }
}
