package dev.kube4c.images;

/** A registry could not be reached or answered in a way we cannot use; the message is for users. */
public final class RegistryException extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean unreachable;

  public RegistryException(String message) {
    this(message, null, false);
  }

  public RegistryException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private RegistryException(String message, Throwable cause, boolean unreachable) {
    super(message, cause);
    this.unreachable = unreachable;
  }

  /** The registry could not be reached at all; further requests to it are pointless. */
  static RegistryException unreachable(String message, Throwable cause) {
    return new RegistryException(message, cause, true);
  }

  public boolean isUnreachable() {
    return unreachable;
  }
}
