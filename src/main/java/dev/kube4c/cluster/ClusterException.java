package dev.kube4c.cluster;

/**
 * A cluster scan that cannot start or go on (no kubeconfig, unknown context, unreachable or
 * unauthenticated API server).
 */
public final class ClusterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ClusterException(String message) {
    super(message);
  }

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
