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

/**
 * CIS 1.3.3, 1.3.4, 1.3.5: controllers share one identity or service account signing is incomplete.
 */
public final class ControllerManagerSaCredentialsMissing extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("controller-manager-sa-credentials-missing")
          .title("Controllers share one identity or service account signing is incomplete")
          .area(Area.COMPONENTS)
          .severity(Severity.MEDIUM)
          .rationale(
              "Without per-controller service account credentials every controller runs with the controller manager's full rights; without the service account private key and root CA, service account tokens and their CA bundle cannot be issued correctly.")
          .remediation(
              "Start kube-controller-manager with --use-service-account-credentials=true, --service-account-private-key-file and --root-ca-file.")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/",
              "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles")
          .frameworks(
              Frameworks.NONE
                  .withCis("1.3.3", "1.3.4", "1.3.5")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ControllerManagerSaCredentialsMissing() {
    super(Component.CONTROLLER_MANAGER);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    FlagValue own = flag(config, "use-service-account-credentials", "false");
    if (!own.isTrue()) {
      problems.add(own.describe());
    }
    requireSet(config, problems, "service-account-private-key-file", "root-ca-file");
  }
}
