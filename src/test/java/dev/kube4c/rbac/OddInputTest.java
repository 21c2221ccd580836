package dev.kube4c.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.config.Config;
import dev.kube4c.engine.Pipeline;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleCatalogue;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Shapes the API server would reject must not make any rbac-* or secret-* rule fail. */
class OddInputTest {

  @Test
  void rbacAndSecretRulesSurviveOddShapes() {
    Set<String> ours =
        RuleCatalogue.builtIn().all().stream()
            .map(Rule::metadata)
            .map(m -> m.id())
            .filter(id -> id.startsWith("rbac-") || id.startsWith("secret-"))
            .collect(Collectors.toSet());
    ScanRequest request =
        new ScanRequest(Config.DEFAULT, Set.of(), ours, Set.of(), LocalDate.of(2026, 1, 1));
    ScanResult result =
        new Pipeline(RuleCatalogue.builtIn())
            .scanPaths(
                List.of(
                    "src/test/resources/rules/rbac-secrets-access/pass-malformed.yaml",
                    "src/test/resources/rules/secret-literal-in-env/pass-odd-shapes.yaml",
                    "src/test/resources/rules/secret-in-configmap/pass-odd-shapes.yaml"),
                System.in,
                request,
                List.of());
    assertThat(ours).hasSize(16);
    assertThat(result.errors()).isEmpty();
    assertThat(result.findings())
        .extracting(f -> f.ruleId() + " " + f.resource().display())
        .containsExactly("secret-manifest-plaintext Secret/shop/odd");
  }
}
