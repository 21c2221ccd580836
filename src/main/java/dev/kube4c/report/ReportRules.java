package dev.kube4c.report;

import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.findings.Suppressed;
import dev.kube4c.rules.RuleMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules a report describes: every rule the scan evaluated, in catalogue order, plus any rule
 * that produced a finding without being in that list (so every finding has its rule's metadata).
 */
final class ReportRules {

  private ReportRules() {}

  static List<RuleMetadata> of(ScanResult result) {
    Map<String, RuleMetadata> byId = new LinkedHashMap<>();
    result.rules().forEach(r -> byId.putIfAbsent(r.id(), r));
    List<Finding> all = new ArrayList<>(result.findings());
    result.suppressed().stream().map(Suppressed::finding).forEach(all::add);
    for (Finding f : all) {
      byId.computeIfAbsent(
          f.ruleId(),
          id ->
              RuleMetadata.rule(id)
                  .title(f.title())
                  .area(f.area())
                  .severity(f.severity())
                  .rationale(f.title())
                  .remediation(f.remediation())
                  .frameworks(f.frameworks())
                  .build());
    }
    return List.copyOf(byId.values());
  }

  /** "Deployment/shop/web [app]" or "-" when the finding has no object. */
  static String resourceLabel(Finding finding) {
    if (finding.resource() == null) {
      return "-";
    }
    String container = finding.resource().container();
    return finding.resource().display() + (container == null ? "" : " [" + container + "]");
  }
}
