package dev.kube4c.pss;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a pod against a Pod Security Standards level at a policy version, exactly as Pod
 * Security Admission does; shared by the pss-* rules, the namespace prediction and the webhook.
 * Stateless and thread-safe.
 */
public final class PssEvaluator {

  public PssResult evaluate(PssPod pod, PssLevel level, PssVersion version) {
    List<PssResult.Failure> failures = new ArrayList<>();
    for (PssCheck check : PssPolicy.checks(level, version)) {
      List<PssViolation> violations = check.evaluate(pod, version);
      if (!violations.isEmpty()) {
        failures.add(new PssResult.Failure(check, violations));
      }
    }
    return new PssResult(level, version, failures);
  }
}
