package dev.kube4c.testing;

import dev.kube4c.findings.Finding;
import java.util.List;

/** Findings as comparable lines (rule, severity, object and container, message), for equality. */
public final class FindingLines {

  private FindingLines() {}

  public static List<String> of(List<Finding> findings) {
    return findings.stream().map(FindingLines::line).toList();
  }

  private static String line(Finding f) {
    return f.ruleId()
        + " "
        + f.severity()
        + " "
        + (f.resource() == null
            ? "-"
            : f.resource().display() + "[" + f.resource().container() + "]")
        + " "
        + f.message();
  }
}
