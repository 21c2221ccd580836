package dev.kube4c.pss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Namespace labels are read as upstream's PolicyToEvaluate reads them. */
class NamespacePolicyTest {

  private static final String P = NamespacePolicy.PREFIX;

  @Test
  void unlabelledNamespaceIsPrivilegedEverywhere() {
    NamespacePolicy policy = NamespacePolicy.of(Map.of());
    assertThat(policy.enforce().enforcing()).isFalse();
    assertThat(policy.warn().enforcing()).isFalse();
    assertThat(policy.audit().enforcing()).isFalse();
  }

  @Test
  void pinnedEnforceVersionIsKeptAndWarnFollowsAStricterEnforce() {
    NamespacePolicy policy =
        NamespacePolicy.of(Map.of(P + "enforce", "restricted", P + "enforce-version", "v1.24"));
    assertThat(policy.enforce()).hasToString("restricted:v1.24");
    assertThat(policy.warn()).hasToString("restricted:v1.24");
    assertThat(policy.audit().enforcing()).isFalse();
  }

  @Test
  void explicitWarnIsNotOverridden() {
    NamespacePolicy policy =
        NamespacePolicy.of(
            Map.of(
                P + "enforce", "restricted", P + "warn", "baseline", P + "warn-version", "v1.30"));
    assertThat(policy.warn()).hasToString("baseline:v1.30");
  }

  @Test
  void invalidEnforceLevelFailsClosedAndInvalidWarnFailsOpen() {
    NamespacePolicy policy =
        NamespacePolicy.of(
            Map.of(P + "enforce", "strict", P + "warn", "loud", P + "enforce-version", "1.30"));
    assertThat(policy.enforce()).hasToString("restricted:latest");
    assertThat(policy.warn().enforcing()).isFalse();
    assertThat(policy.labelErrors()).hasSize(3);
  }
}
