package dev.kube4c.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.config.Config;
import dev.kube4c.engine.RuleSetup;
import dev.kube4c.policy.PolicyRules;
import dev.kube4c.rules.RuleCatalogue;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * CEL ValidatingAdmissionPolicies run at admission like built-in rules: a kind no built-in rule
 * judges is not waved through on the fast path, and {@code request} and {@code oldObject} come from
 * the AdmissionReview.
 */
class AdmissionPolicyTest {

  private static AdmissionJudge judgeWithPolicies() {
    PolicyRules.Loaded policies =
        PolicyRules.load(List.of("src/test/resources/admission/cel-policies.yaml"), System.in);
    assertThat(policies.problems()).isEmpty();
    RuleSetup setup =
        RuleSetup.of(
            RuleCatalogue.builtIn().with(policies.rules()),
            new RuleSetup.Options(Config.DEFAULT, null, null, Set.of(), Set.of(), Set.of(), null),
            LocalDate.now());
    return new AdmissionJudge(
        setup,
        FakeContext.namespace("shop", "team: web"),
        null,
        AdmissionJudge.Policy.defaults(),
        Clock.systemUTC());
  }

  private static ObjectNode configMap(String owner) {
    return Reviews.yaml(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n"
            + (owner == null ? "" : "  labels: {owner: " + owner + "}\n")
            + "data: {mode: fast}\n");
  }

  @Test
  void aConfigMapWithoutOwnerIsDeniedByThePolicy() throws Exception {
    AdmissionJudge judge = judgeWithPolicies();
    Decision denied = judge.judge(Reviews.parse(Reviews.review("CREATE", configMap(null), null)));
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.message())
        .contains("configmap-owner/0")
        .contains("every ConfigMap names its owner label");

    Decision allowed =
        judge.judge(Reviews.parse(Reviews.review("CREATE", configMap("team-web"), null)));
    assertThat(allowed.allowed()).isTrue();
  }

  @Test
  void updatePoliciesSeeTheOldObjectAndTheUser() throws Exception {
    AdmissionJudge judge = judgeWithPolicies();
    Decision denied =
        judge.judge(
            Reviews.parse(Reviews.review("UPDATE", configMap("team-pay"), configMap("team-web"))));
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.message())
        .contains("configmap-owner-immutable/0")
        .contains("owner may not change (was team-web, asked by alice@example.com)");

    Decision same =
        judge.judge(
            Reviews.parse(Reviews.review("UPDATE", configMap("team-web"), configMap("team-web"))));
    assertThat(same.allowed()).isTrue();
  }

  @Test
  void onlyWithoutPoliciesDoesAKindNoRuleJudgesTakeTheFastPath() throws Exception {
    ObjectNode lease =
        Reviews.yaml(
            "apiVersion: coordination.k8s.io/v1\nkind: Lease\n"
                + "metadata: {name: leader, namespace: shop}\nspec: {holderIdentity: a}\n");
    Decision skipped =
        AdmissionJudgeTest.judge(FakeContext.namespace("shop", "team: web"))
            .judge(Reviews.parse(Reviews.review("CREATE", lease, null)));
    assertThat(skipped.outcome()).isEqualTo("skipped");

    Decision judged =
        judgeWithPolicies().judge(Reviews.parse(Reviews.review("CREATE", lease, null)));
    assertThat(judged.allowed()).isTrue();
    assertThat(judged.outcome()).isNotEqualTo("skipped");
  }
}
