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

/** CIS 1.3.7: controller manager listens beyond localhost. */
public final class ControllerManagerInsecureBind extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("controller-manager-insecure-bind")
          .title("Controller manager listens beyond localhost")
          .area(Area.COMPONENTS)
          .severity(Severity.MEDIUM)
          .rationale(
              "The controller manager's metrics and health endpoints need no network exposure; bound to all interfaces they are reachable from pods and other hosts.")
          .remediation("Start kube-controller-manager with --bind-address=127.0.0.1.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/")
          .frameworks(Frameworks.NONE.withCis("1.3.7").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ControllerManagerInsecureBind() {
    super(Component.CONTROLLER_MANAGER);
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
