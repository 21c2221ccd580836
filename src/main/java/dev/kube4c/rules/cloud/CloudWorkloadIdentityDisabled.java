package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** Pods cannot use federated workload identity, so cloud credentials end up in Secrets. */
public final class CloudWorkloadIdentityDisabled extends CloudRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-workload-identity-disabled")
          .title("Workload identity federation not enabled")
          .area(Area.CLOUD_IDENTITY_ACCESS)
          .severity(Severity.MEDIUM)
          .rationale(
              "Without workload identity, pods that call cloud APIs use long-lived keys stored in Secrets or the node's own identity, which every pod on the node shares; one compromised pod then acts with all of the node's cloud permissions.")
          .remediation(
              "AKS: enable oidcIssuerProfile and securityProfile.workloadIdentity. GKE: set workloadIdentityConfig.workloadPool to PROJECT.svc.id.goog. EKS: create the IAM OIDC provider for the cluster (IRSA) or install the eks-pod-identity-agent add-on.")
          .references(
              "https://learn.microsoft.com/azure/aks/workload-identity-overview",
              "https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html",
              "https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity",
              "MCSB IM-3")
          .frameworks(
              Frameworks.NONE
                  .withCis("AKS 5.2.1", "EKS 5.2.1", "GKE 5.2.2")
                  .withMitre("T1552")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    Setting oidc = c.setting("oidcIssuer");
    Setting workload = c.setting("workloadIdentity");
    if (oidc.isNotTrue()) {
      problems.add(oidc.describe());
    }
    if (workload.isNotTrue()) {
      problems.add(workload.describe());
    }
  }

  @Override
  protected void eks(CloudCluster c, RuleContext context, List<String> problems) {
    if (!c.has("oidcProvider")) {
      return; // describe-cluster shows the issuer of every cluster; the IAM provider lives in IAM
    }
    Setting provider = c.setting("oidcProvider");
    Setting agent = c.setting("podIdentityAgent");
    if (provider.isUnset() && agent.isUnset()) {
      problems.add(provider.path() + " is not in the plan and neither is the " + agent.path());
    }
  }

  @Override
  protected void gke(CloudCluster c, RuleContext context, List<String> problems) {
    Setting pool = c.setting("workloadPool");
    if (!c.setting("autopilot").isTrue() && !pool.unknown() && !pool.hasContent()) {
      problems.add(pool.describe());
    }
  }
}
