package dev.kube4c.pss;

import java.util.ArrayList;
import java.util.List;

/**
 * One upstream Pod Security check: its upstream id ({@code hostNamespaces}), the kube4c rule that
 * reports it, its level, the first policy version it belongs to, the baseline check it replaces at
 * the restricted level (null if none), PSA's short forbidden reason, and the versioned logic.
 */
public record PssCheck(
    String id,
    String ruleId,
    PssLevel level,
    int since,
    String overrides,
    String reason,
    Evaluation evaluation) {

  /** The check's logic at one policy minor version; adds what it forbids to {@code out}. */
  @FunctionalInterface
  public interface Evaluation {
    void evaluate(PssPod pod, int minor, List<PssViolation> out);
  }

  public boolean existsAt(int minor) {
    return minor >= since;
  }

  /**
   * The forbidden values of {@code pod} at {@code version}; empty when allowed or when the check
   * does not exist yet.
   */
  public List<PssViolation> evaluate(PssPod pod, PssVersion version) {
    int minor = version.effectiveMinor();
    if (!existsAt(minor)) {
      return List.of();
    }
    List<PssViolation> out = new ArrayList<>(2);
    evaluation.evaluate(pod, minor, out);
    return out;
  }
}
