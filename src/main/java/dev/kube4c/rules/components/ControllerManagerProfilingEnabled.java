package dev.kube4c.rules.components;

import dev.kube4c.components.Component;
import dev.kube4c.components.ComponentConfig;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** CIS 1.3.2: controller manager profiling enabled. */
public final class ControllerManagerProfilingEnabled extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("controller-manager-profiling-enabled")
          .title("Controller manager profiling enabled")
          .area(Area.COMPONENTS)
          .severity(Severity.LOW)
          .rationale(
              "The profiling endpoints expose runtime details of the controller manager and can be used to degrade it; they are for debugging, not for production.")
          .remediation("Start kube-controller-manager with --profiling=false.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/")
          .frameworks(Frameworks.NONE.withCis("1.3.2").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ControllerManagerProfilingEnabled() {
    super(Component.CONTROLLER_MANAGER);
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
