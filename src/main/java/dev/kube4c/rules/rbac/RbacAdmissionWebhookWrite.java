package dev.kube4c.rules.rbac;

import dev.kube4c.rbac.Binding;
import dev.kube4c.rbac.PolicyRule;
import dev.kube4c.rbac.RbacChecks;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** Whoever writes admission configuration decides what every other request may do or becomes. */
public final class RbacAdmissionWebhookWrite extends PermissionRule {

  private static final List<String> RESOURCES =
      List.of(
          "mutatingwebhookconfigurations",
          "validatingwebhookconfigurations",
          "validatingadmissionpolicies",
          "validatingadmissionpolicybindings",
          "mutatingadmissionpolicies",
          "mutatingadmissionpolicybindings");

  private static final List<String> WRITE =
      List.of("create", "update", "patch", "delete", "deletecollection");

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("rbac-admission-webhook-write")
          .title("Subject can change admission webhooks or policies")
          .area(Area.AUTHORIZATION)
          .severity(Severity.HIGH)
          .rationale(
              "Write access to mutating or validating webhook configurations or admission policies lets a subject intercept and rewrite objects sent to the API (inject containers, read Secrets in flight) or switch off the policies that guard the cluster.")
          .remediation(
              "Limit these writes to the controller that owns the configuration, by resourceNames where it only patches its own CA bundle.")
          .references(
              "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.1.12")
                  .withNsa("Authentication and authorization: RBAC least privilege")
                  .withMitre("T1562")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected String permission() {
    return "write access to admission webhook configurations or policies";
  }

  @Override
  protected boolean grants(PolicyRule rule, Binding binding) {
    for (String resource : RESOURCES) {
      if (RbacChecks.allows(
          rule, binding, WRITE, "admissionregistration.k8s.io", resource, null, true)) {
        return true;
      }
    }
    return false;
  }
}
