package dev.kube4c.rules.rbac;

import dev.kube4c.rbac.Binding;
import dev.kube4c.rbac.PolicyRule;
import dev.kube4c.rbac.RbacChecks;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/**
 * nodes/proxy reaches the kubelet API, which can run commands in any pod of the node without audit.
 */
public final class RbacNodeProxy extends PermissionRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("rbac-node-proxy")
          .title("Subject can use nodes/proxy")
          .area(Area.AUTHORIZATION)
          .severity(Severity.HIGH)
          .rationale(
              "Access to nodes/proxy is access to the kubelet API of every node: it can exec into any pod there, and those calls bypass API-server audit logging and admission control.")
          .remediation(
              "Remove nodes/proxy; monitoring agents need only nodes/metrics or nodes/stats.")
          .references(
              "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.1.10")
                  .withNsa("Authentication and authorization: RBAC least privilege")
                  .withMitre("T1609")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected String permission() {
    return "access to nodes/proxy";
  }

  @Override
  protected boolean grants(PolicyRule rule, Binding binding) {
    // GET alone is enough: websocket upgrades of exec through the kubelet are authorized as get.
    return RbacChecks.allows(
        rule,
        binding,
        List.of("get", "create", "update", "patch", "delete"),
        "",
        "nodes",
        "proxy",
        true);
  }
}
