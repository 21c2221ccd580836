package dev.kube4c.rules.rbac;

import dev.kube4c.rbac.Binding;
import dev.kube4c.rbac.PolicyRule;
import dev.kube4c.rbac.RbacChecks;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** Reading Secrets hands over every credential they hold, ServiceAccount tokens included. */
public final class RbacSecretsAccess extends PermissionRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("rbac-secrets-access")
          .title("Subject can read Secrets")
          .area(Area.AUTHORIZATION)
          .severity(Severity.HIGH)
          .rationale(
              "get, list or watch on secrets reveals every credential stored there (database passwords, TLS keys, legacy ServiceAccount tokens); list and watch return the values too. Cluster-wide, it is a step to cluster-admin.")
          .remediation(
              "Grant access to the named Secrets the workload needs (resourceNames) in its own namespace, or mount them instead of reading them through the API.")
          .references(
              "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.1.2")
                  .withNsa("Authentication and authorization: RBAC least privilege")
                  .withMitre("T1552.007")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected String permission() {
    return "get/list/watch on secrets";
  }

  @Override
  protected boolean grants(PolicyRule rule, Binding binding) {
    return RbacChecks.allows(
        rule, binding, List.of("get", "list", "watch"), "", "secrets", null, false);
  }

  @Override
  protected Severity severity(Binding binding) {
    return binding.isClusterWide() ? Severity.HIGH : Severity.MEDIUM;
  }
}
