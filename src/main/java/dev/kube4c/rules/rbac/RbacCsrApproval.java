package dev.kube4c.rules.rbac;

import dev.kube4c.rbac.Access;
import dev.kube4c.rbac.Binding;
import dev.kube4c.rbac.Grant;
import dev.kube4c.rbac.RbacChecks;
import dev.kube4c.rbac.RbacModel;
import dev.kube4c.rbac.Subject;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Scope;
import dev.kube4c.rules.Severity;
import java.util.List;
import java.util.Optional;

/**
 * Approving a CSR needs two grants that may come from different bindings: update on
 * certificatesigningrequests/approval and approve on a signer. This rule therefore works per
 * subject (over its effective permissions) and reports on the binding that grants the approval.
 */
public final class RbacCsrApproval implements Rule {

  private static final String CERTIFICATES = "certificates.k8s.io";

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("rbac-csr-approval")
          .title("Subject can approve certificate signing requests")
          .area(Area.AUTHORIZATION)
          .severity(Severity.HIGH)
          .rationale(
              "update on certificatesigningrequests/approval together with approve on a signer lets a subject issue itself client certificates, for example for kubernetes.io/kube-apiserver-client, as any user or group, system:masters included.")
          .remediation(
              "Leave CSR approval to the controller manager and a dedicated approver; never grant it to workloads.")
          .references(
              "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#csrs-and-certificate-issuing",
              "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.1.11")
                  .withNsa("Authentication and authorization: RBAC least privilege")
                  .withMitre("T1649")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  public Scope scope() {
    return Scope.CLUSTER; // the RBAC model joins bindings, roles and pods across namespaces
  }

  @Override
  public void check(RuleContext context, FindingSink sink) {
    RbacModel model = RbacModel.of(context.inventory());
    Access approval =
        Access.resource("update", CERTIFICATES, "certificatesigningrequests", "approval");
    Access signer = Access.resource("approve", CERTIFICATES, "signers", null);
    for (Subject subject : model.subjects()) {
      if (subject.isSystemBuiltIn()) {
        continue;
      }
      Optional<Grant> approves = first(model, subject, approval);
      Optional<Grant> signs =
          approves.isPresent() ? first(model, subject, signer) : Optional.empty();
      if (approves.isPresent() && signs.isPresent()) {
        Binding binding = approves.get().binding();
        sink.report(
            binding.resource(),
            RbacText.subjects(model, List.of(subject))
                + " can approve CSRs: update on certificatesigningrequests/approval through "
                + approves.get().path()
                + ", and approve on signers"
                + names(signs.get())
                + " through "
                + signs.get().path());
      }
    }
  }

  private static Optional<Grant> first(RbacModel model, Subject subject, Access access) {
    for (Grant grant : model.grantsOf(subject)) {
      if (!model.isBuiltIn(grant.binding())
          && !RbacChecks.isFullAdmin(grant.role())
          && access.allowedBy(grant.rule().rule(), grant.binding())) {
        return Optional.of(grant);
      }
    }
    return Optional.empty();
  }

  private static String names(Grant grant) {
    return grant.rule().rule().restrictedByName() ? " " + grant.rule().rule().resourceNames() : "";
  }
}
