package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, baseline: upstream check hostPathVolumes. */
public final class PssBaselineHostPathVolumes extends PssCheckRule {

  public PssBaselineHostPathVolumes() {
    super(
        "hostPathVolumes",
        RuleMetadata.rule("pss-baseline-host-path-volumes")
            .title("Pod mounts a hostPath volume")
            .area(Area.POD_SECURITY)
            .severity(Severity.HIGH)
            .rationale(
                "A hostPath volume gives the pod the node's file system, the usual first step of a container escape; the baseline Pod Security Standard forbids hostPath volumes of any path.")
            .remediation(
                "Replace hostPath volumes with emptyDir, ConfigMap, Secret, projected or PersistentVolumeClaim volumes.")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1611")
                    .withPss("HostPath Volumes")
                    .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
            .build());
  }
}
