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

/** CIS 1.2.12, 1.2.13, 1.2.14: essential admission plugins disabled or missing. */
public final class ApiserverAdmissionPluginsMissing extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("apiserver-admission-plugins-missing")
          .title("Essential admission plugins disabled or missing")
          .area(Area.COMPONENTS)
          .severity(Severity.MEDIUM)
          .rationale(
              "NodeRestriction stops a compromised kubelet from editing other nodes and pods; ServiceAccount and NamespaceLifecycle keep service accounts and terminating namespaces consistent. Without them one node or one deleted namespace can be abused to reach the rest of the cluster.")
          .remediation(
              "Add NodeRestriction to --enable-admission-plugins and keep ServiceAccount and NamespaceLifecycle out of --disable-admission-plugins.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/",
              "https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#noderestriction")
          .frameworks(
              Frameworks.NONE
                  .withCis("1.2.12", "1.2.13", "1.2.14")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ApiserverAdmissionPluginsMissing() {
    super(Component.APISERVER);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    FlagValue enabled = flag(config, "enable-admission-plugins", "");
    if (!list(enabled.value()).contains("NodeRestriction")) {
      problems.add(
          enabled.isDefault()
              ? config.missing("enable-admission-plugins")
                  + " (NodeRestriction is not on by default)"
              : enabled.describe() + ", without NodeRestriction");
    }
    config
        .flag("disable-admission-plugins")
        .ifPresent(
            disabled -> {
              for (String plugin : List.of("ServiceAccount", "NamespaceLifecycle")) {
                if (list(disabled.value()).contains(plugin)) {
                  problems.add(disabled.describe() + " (disables " + plugin + ")");
                }
              }
            });
  }
}
