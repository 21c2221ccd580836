package dev.kube4c.source;

/**
 * Something in the input that could not be read; reported with its place and reason, never as a
 * stack trace.
 */
public record InputProblem(Location location, String message) {

  @Override
  public String toString() {
    return location + ": " + message;
  }
}
