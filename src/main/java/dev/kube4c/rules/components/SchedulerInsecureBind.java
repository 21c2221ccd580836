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

/** CIS 1.4.2: scheduler listens beyond localhost. */
public final class SchedulerInsecureBind extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("scheduler-insecure-bind")
          .title("Scheduler listens beyond localhost")
          .area(Area.COMPONENTS)
          .severity(Severity.MEDIUM)
          .rationale(
              "The scheduler's metrics and health endpoints need no network exposure; bound to all interfaces they are reachable from pods and other hosts.")
          .remediation("Start kube-scheduler with --bind-address=127.0.0.1.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/")
          .frameworks(Frameworks.NONE.withCis("1.4.2").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public SchedulerInsecureBind() {
    super(Component.SCHEDULER);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    localOnly(config, problems);
  }

  private static void localOnly(ComponentConfig config, List<String> problems) {
    FlagValue bind = flag(config, "bind-address", "0.0.0.0");
    if (!bind.value().equals("127.0.0.1")
        && !bind.value().equals("::1")
        && !bind.value().equals("localhost")) {
      problems.add(bind.describe());
    }
  }
}
