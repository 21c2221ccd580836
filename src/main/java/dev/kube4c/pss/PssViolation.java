package dev.kube4c.pss;

/**
 * One forbidden value: the container it belongs to (null for pod-level fields and annotations), the
 * full field path and what was found there, e.g. {@code
 * spec.template.spec.containers[0].securityContext.privileged} + {@code is true}.
 */
public record PssViolation(String container, String field, String found) {

  public String message() {
    return field + " " + found;
  }
}
