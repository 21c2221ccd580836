package dev.kube4c.rules.components;

import dev.kube4c.components.Component;
import dev.kube4c.components.ComponentConfig;
import dev.kube4c.components.FlagValue;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** CIS 1.2.16, 1.2.17, 1.2.18, 1.2.19: aPI server audit log missing or kept too briefly. */
public final class ApiserverAuditLogMissing extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("apiserver-audit-log-missing")
          .title("API server audit log missing or kept too briefly")
          .area(Area.COMPONENTS)
          .severity(Severity.MEDIUM)
          .rationale(
              "The audit log records who did what in the cluster; without it, or with it rotated away within days, an intrusion can be neither noticed nor reconstructed.")
          .remediation(
              "Set --audit-log-path (with an --audit-policy-file) and keep at least --audit-log-maxage=30, --audit-log-maxbackup=10 and --audit-log-maxsize=100, or send audit events to a webhook backend.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/",
              "https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/")
          .frameworks(
              Frameworks.NONE
                  .withCis("1.2.16", "1.2.17", "1.2.18", "1.2.19")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ApiserverAuditLogMissing() {
    super(Component.APISERVER);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    if (config.flag("audit-log-path").isEmpty()
        && config.flag("audit-webhook-config-file").isEmpty()) {
      problems.add(config.missing("audit-log-path"));
      return;
    }
    if (config.flag("audit-log-path").isEmpty()) {
      return; // audit events go to a webhook backend
    }
    atLeast(config, "audit-log-maxage", 30, problems);
    atLeast(config, "audit-log-maxbackup", 10, problems);
    atLeast(config, "audit-log-maxsize", 100, problems);
  }

  private static void atLeast(
      ComponentConfig config, String name, int minimum, List<String> problems) {
    java.util.Optional<FlagValue> value = config.flag(name);
    if (value.isEmpty()) {
      problems.add(config.missing(name) + " (CIS: at least " + minimum + ")");
      return;
    }
    try {
      if (Integer.parseInt(value.get().value().trim()) < minimum) {
        problems.add(value.get().describe() + " (CIS: at least " + minimum + ")");
      }
    } catch (NumberFormatException e) {
      // a templated value: not judged
    }
  }
}
