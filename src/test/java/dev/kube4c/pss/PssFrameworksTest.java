package dev.kube4c.pss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.rules.RuleMetadata;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The container-* rules name the same PSS control as the pss-* rule of their check, and every check
 * has its rule.
 */
class PssFrameworksTest {

  private static final Map<String, String> SAME_CONTROL =
      Map.of(
          "container-privileged", "pss-baseline-privileged",
          "container-privilege-escalation", "pss-restricted-privilege-escalation",
          "container-run-as-root", "pss-restricted-run-as-non-root",
          "container-capabilities-dangerous", "pss-baseline-capabilities",
          "container-capabilities-not-dropped", "pss-restricted-capabilities",
          "container-seccomp-unconfined", "pss-baseline-seccomp",
          "container-host-path-sensitive", "pss-baseline-host-path-volumes",
          "container-host-namespaces", "pss-baseline-host-namespaces",
          "host-port", "pss-baseline-host-ports");

  @Test
  void containerRulesCarryThePssControlOfTheirCheck() {
    Map<String, RuleMetadata> rules = new HashMap<>();
    for (Rule rule : RuleCatalogue.builtIn().all()) {
      rules.put(rule.metadata().id(), rule.metadata());
    }
    for (PssCheck check : PssPolicy.CHECKS) {
      assertThat(rules).as("rule of upstream check %s", check.id()).containsKey(check.ruleId());
      assertThat(rules.get(check.ruleId()).frameworks().pss())
          .as("PSS control of %s", check.ruleId())
          .isNotBlank();
    }
    SAME_CONTROL.forEach(
        (container, pss) ->
            assertThat(rules.get(container).frameworks().pss())
                .as("frameworks.pss of %s", container)
                .isEqualTo(rules.get(pss).frameworks().pss()));
  }
}
