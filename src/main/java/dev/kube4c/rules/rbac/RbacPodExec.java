package dev.kube4c.rules.rbac;

import dev.kube4c.rbac.Binding;
import dev.kube4c.rbac.PolicyRule;
import dev.kube4c.rbac.RbacChecks;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** exec and attach run commands inside other pods, with their tokens, secrets and network reach. */
public final class RbacPodExec extends PermissionRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("rbac-pod-exec")
          .title("Subject can exec into or attach to pods")
          .area(Area.AUTHORIZATION)
          .severity(Severity.HIGH)
          .rationale(
              "create on pods/exec or pods/attach runs commands in running containers: the caller gets their mounted Secrets and ServiceAccount tokens and acts with their identity.")
          .remediation(
              "Remove pods/exec and pods/attach from roles of workloads and automation; give people short-lived, audited break-glass access instead.")
          .references(
              "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation")
          .frameworks(
              Frameworks.NONE
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
    return "create on pods/exec or pods/attach";
  }

  @Override
  protected boolean grants(PolicyRule rule, Binding binding) {
    // Only create: since Kubernetes 1.35 websocket upgrades (GET) also need create on pods/exec.
    List<String> verbs = List.of("create");
    return RbacChecks.allows(rule, binding, verbs, "", "pods", "exec", true)
        || RbacChecks.allows(rule, binding, verbs, "", "pods", "attach", true);
  }
}
