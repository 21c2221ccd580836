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
 * CIS 1.2.22, 1.2.23, 1.2.24: service account tokens not checked against etcd, or no service
 * account key.
 */
public final class ApiserverServiceAccountLookupDisabled extends ComponentRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("apiserver-service-account-lookup-disabled")
          .title("Service account tokens not checked against etcd, or no service account key")
          .area(Area.AUTHENTICATION)
          .severity(Severity.MEDIUM)
          .rationale(
              "Without service account lookup a token stays valid after its service account is deleted; without an explicit key file and issuer, token signing falls back to the serving key and tokens cannot be rotated or federated safely.")
          .remediation(
              "Keep --service-account-lookup=true (the default) and set --service-account-key-file and --service-account-issuer (with --service-account-signing-key-file).")
          .references(
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/",
              "https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/")
          .frameworks(
              Frameworks.NONE
                  .withCis("1.2.22", "1.2.23", "1.2.24")
                  .withCks(Frameworks.Cks.CLUSTER_SETUP))
          .build();

  public ApiserverServiceAccountLookupDisabled() {
    super(Component.APISERVER);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    config
        .flag("service-account-lookup")
        .filter(FlagValue::isFalse)
        .ifPresent(f -> problems.add(f.describe()));
    requireSet(config, problems, "service-account-key-file", "service-account-issuer");
  }
}
