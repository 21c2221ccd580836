package dev.kube4c.rules.components;

import dev.kube4c.components.Component;
import dev.kube4c.components.ComponentConfig;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** CIS 1.4.1: scheduler profiling enabled. */
public final class SchedulerProfilingEnabled extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("scheduler-profiling-enabled")
          .title("Scheduler profiling enabled")
          .area(Area.COMPONENTS)
          .severity(Severity.LOW)
          .rationale(
              "The profiling endpoints expose runtime details of the scheduler and can be used to degrade it; they are for debugging, not for production.")
          .remediation("Start kube-scheduler with --profiling=false.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/")
          .frameworks(Frameworks.NONE.withCis("1.4.1").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public SchedulerProfilingEnabled() {
    super(Component.SCHEDULER);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    requireFalse(config, problems, "profiling", "true");
  }
}
