package dev.kube4c.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.rules.RuleMetadata;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the webhook caches and skips comes from what each rule declares. */
class ContextKindsTest {

  private static final List<RuleMetadata> CATALOGUE =
      RuleCatalogue.builtIn().all().stream().map(Rule::metadata).toList();

  @Test
  void everyKindARuleReadsAtAdmissionIsWatched() {
    ContextKinds kinds = ContextKinds.of(CATALOGUE);
    assertThat(kinds.neededKinds())
        .isNotEmpty()
        .allSatisfy(kind -> assertThat(ContextKinds.KINDS).contains(kind));
  }

  @Test
  void rulesWaitForTheirOwnKindsAndThoseThatNeverRunStayOut() {
    ContextKinds kinds = ContextKinds.of(CATALOGUE);
    Set<String> notRun = kinds.rulesNotRun(Set.of("RuntimeClass"));

    assertThat(notRun)
        .contains("runtime-class-unknown", "runtime-class-sandbox-missing")
        .doesNotContain("sa-token-automount", "container-privileged")
        .containsAll(kinds.notAtAdmission());
    assertThat(kinds.notAtAdmission()).contains("port-unused", "netpol-default-deny-missing");
    assertThat(kinds.rulesNotRun(Set.of())).isEqualTo(kinds.notAtAdmission());
  }
}
