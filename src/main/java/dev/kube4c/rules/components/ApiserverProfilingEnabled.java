package dev.kube4c.rules.components;

import dev.kube4c.components.Component;
import dev.kube4c.components.ComponentConfig;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** CIS 1.2.15: aPI server profiling enabled. */
public final class ApiserverProfilingEnabled extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("apiserver-profiling-enabled")
          .title("API server profiling enabled")
          .area(Area.COMPONENTS)
          .severity(Severity.LOW)
          .rationale(
              "The profiling endpoints expose detailed runtime information about the API server and can be used to degrade it; they are for debugging, not for production.")
          .remediation("Start kube-apiserver with --profiling=false.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/")
          .frameworks(Frameworks.NONE.withCis("1.2.15").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ApiserverProfilingEnabled() {
    super(Component.APISERVER);
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
