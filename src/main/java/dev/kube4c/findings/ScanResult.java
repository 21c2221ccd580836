package dev.kube4c.findings;

import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.InputSummary;
import java.time.Instant;
import java.util.List;

/** The result model that every report format renders. Lists are in report order. */
public record ScanResult(
    String toolVersion,
    Instant scannedAt,
    List<InputSummary> inputs,
    int resources,
    int rulesEvaluated,
    List<Finding> findings,
    List<Suppressed> suppressed,
    List<InputProblem> errors,
    Scores scores,
    List<String> notes,
    List<RuleMetadata> rules) {

  /**
   * The errors and findings decide the exit code (CLI.md): 2 for unreadable input, else 1 at or
   * above the threshold.
   */
  public int exitCode(dev.kube4c.rules.Severity failOn) {
    if (!errors.isEmpty()) {
      return 2;
    }
    if (failOn == null) {
      return 0;
    }
    return findings.stream().anyMatch(f -> f.severity().atLeast(failOn)) ? 1 : 0;
  }

  /**
   * The same result stamped with another time; golden-file tests fix it so reports are
   * byte-identical.
   */
  public ScanResult withScannedAt(Instant time) {
    return new ScanResult(
        toolVersion,
        time,
        inputs,
        resources,
        rulesEvaluated,
        findings,
        suppressed,
        errors,
        scores,
        notes,
        rules);
  }

  /** The same result with another tool version, for the same reason as {@link #withScannedAt}. */
  public ScanResult withToolVersion(String version) {
    return new ScanResult(
        version,
        scannedAt,
        inputs,
        resources,
        rulesEvaluated,
        findings,
        suppressed,
        errors,
        scores,
        notes,
        rules);
  }
}
