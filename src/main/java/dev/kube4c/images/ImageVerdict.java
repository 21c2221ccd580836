package dev.kube4c.images;

/**
 * The outcome of verifying one image: its resolved digest (when known) and a sentence for the
 * finding.
 */
public record ImageVerdict(Status status, String digest, String detail) {

  /**
   * VERIFIED: a trusted signature covers the digest. ERROR: we could not tell (reported as a scan
   * error).
   */
  public enum Status {
    VERIFIED,
    MISSING,
    INVALID,
    ERROR
  }

  public static ImageVerdict verified(String digest, String detail) {
    return new ImageVerdict(Status.VERIFIED, digest, detail);
  }

  public static ImageVerdict missing(String digest, String detail) {
    return new ImageVerdict(Status.MISSING, digest, detail);
  }

  public static ImageVerdict invalid(String digest, String detail) {
    return new ImageVerdict(Status.INVALID, digest, detail);
  }

  public static ImageVerdict error(String digest, String detail) {
    return new ImageVerdict(Status.ERROR, digest, detail);
  }
}
