package dev.kube4c.rules.components;

import dev.kube4c.components.Component;
import dev.kube4c.components.ComponentConfig;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** CIS 1.2.10: alwaysAdmit admission plugin enabled. */
public final class ApiserverAdmissionAlwaysAdmit extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("apiserver-admission-always-admit")
          .title("AlwaysAdmit admission plugin enabled")
          .area(Area.COMPONENTS)
          .severity(Severity.CRITICAL)
          .rationale(
              "AlwaysAdmit admits every request regardless of the other admission plugins' verdicts, switching off Pod Security admission, NodeRestriction and webhooks in effect.")
          .remediation("Remove AlwaysAdmit from --enable-admission-plugins.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/",
              "https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/")
          .frameworks(Frameworks.NONE.withCis("1.2.10").withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ApiserverAdmissionAlwaysAdmit() {
    super(Component.APISERVER);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    config
        .flag("enable-admission-plugins")
        .filter(f -> list(f.value()).contains("AlwaysAdmit"))
        .ifPresent(f -> problems.add(f.describe()));
  }
}
