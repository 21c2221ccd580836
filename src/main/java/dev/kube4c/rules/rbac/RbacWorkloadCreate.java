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
 * Whoever can create pods (directly or through a controller) can run as any ServiceAccount of the
 * namespace.
 */
public final class RbacWorkloadCreate extends PermissionRule {

  private static final List<String[]> WORKLOADS =
      List.of(
          new String[] {"", "pods"},
          new String[] {"", "replicationcontrollers"},
          new String[] {"apps", "deployments"},
          new String[] {"apps", "daemonsets"},
          new String[] {"apps", "statefulsets"},
          new String[] {"apps", "replicasets"},
          new String[] {"batch", "jobs"},
          new String[] {"batch", "cronjobs"},
          // The legacy extensions group, which old roles still list.
          new String[] {"extensions", "deployments"},
          new String[] {"extensions", "daemonsets"},
          new String[] {"extensions", "replicasets"});

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("rbac-workload-create")
          .title("Subject can create pods or pod controllers")
          .area(Area.AUTHORIZATION)
          .severity(Severity.MEDIUM)
          .rationale(
              "Creating a pod, or a Deployment, Job, DaemonSet and the like, lets the caller mount any Secret and run as any ServiceAccount of the namespace, and, unless Pod Security admission stops it, start a privileged pod on a node.")
          .remediation(
              "Keep workload creation to deployment pipelines; enforce Pod Security Standards in the namespaces where it is granted.")
          .references(
              "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.1.4")
                  .withNsa("Authentication and authorization: RBAC least privilege")
                  .withMitre("T1610")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected String permission() {
    return "create on pods or pod controllers";
  }

  @Override
  protected boolean grants(PolicyRule rule, Binding binding) {
    for (String[] workload : WORKLOADS) {
      if (RbacChecks.allows(
          rule, binding, List.of("create"), workload[0], workload[1], null, false)) {
        return true;
      }
    }
    return false;
  }
}
