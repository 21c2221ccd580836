package dev.kube4c.rules.pss;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;

/** Pod Security Standards, restricted: upstream check capabilities_restricted. */
public final class PssRestrictedCapabilities extends PssCheckRule {

  public PssRestrictedCapabilities() {
    super(
        "capabilities_restricted",
        RuleMetadata.rule("pss-restricted-capabilities")
            .title("Capabilities not dropped, or more than NET_BIND_SERVICE added")
            .area(Area.POD_SECURITY)
            .severity(Severity.MEDIUM)
            .rationale(
                "The restricted Pod Security Standard requires every container to drop ALL capabilities and add back at most NET_BIND_SERVICE, since v1.22 (Windows pods exempt since v1.25).")
            .remediation(
                "Set securityContext.capabilities.drop: [\"ALL\"] on every container and add only NET_BIND_SERVICE if needed.")
            .references(
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted")
            .frameworks(
                Frameworks.NONE
                    .withMitre("T1611")
                    .withPss("Capabilities (restricted)")
                    .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
            .build());
  }
}
