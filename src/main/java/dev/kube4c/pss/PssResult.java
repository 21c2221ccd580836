package dev.kube4c.pss;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of evaluating one pod at one level and version: the checks it fails, with their
 * forbidden values.
 */
public record PssResult(PssLevel level, PssVersion version, List<Failure> failures) {

  /** One failed check and what it forbade. */
  public record Failure(PssCheck check, List<PssViolation> violations) {

    public Failure {
      violations = List.copyOf(violations);
    }

    /** PSA's form: {@code reason (detail; detail)}. */
    public String describe() {
      return check.reason()
          + " ("
          + violations.stream().map(PssViolation::message).collect(Collectors.joining("; "))
          + ")";
    }
  }

  public PssResult {
    failures = List.copyOf(failures);
  }

  public boolean allowed() {
    return failures.isEmpty();
  }

  /** {@code "restricted:v1.29"}, as PSA names a policy. */
  public String policy() {
    return level + ":" + version;
  }

  /** Every failed check's reason and details, comma-separated as PSA prints them. */
  public String describe() {
    return failures.stream().map(Failure::describe).collect(Collectors.joining(", "));
  }
}
