package dev.kube4c.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.cli.CliRunner;
import org.junit.jupiter.api.Test;

/** {@code scan --profile-rules}: the stage and per-rule timing table on standard error. */
class RuleProfileTest {

  @Test
  void profilePrintsStagesAndEveryRuleThatRan() {
    CliRunner run =
        CliRunner.run(
            "scan",
            "examples/insecure",
            "-f",
            "json",
            "--fail-on",
            "none",
            "--rule",
            "container-privileged,image-tag-mutable",
            "--profile-rules");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err())
        .contains("find, read and parse files", "inventory and indexes", "rules (parallel)")
        .contains("report (json)", "all rules (CPU)")
        .containsPattern("(?m)^container-privileged +[0-9.]+ +[0-9.]+ +[0-9.]+% +[1-9][0-9]*$")
        .containsPattern("(?m)^image-tag-mutable +[0-9.]+ ");
    assertThat(run.out()).startsWith("{");
  }

  @Test
  void withoutTheFlagNothingIsPrinted() {
    CliRunner run = CliRunner.run("scan", "examples/insecure", "-f", "json", "--fail-on", "none");
    assertThat(run.err()).doesNotContain("rules (parallel)", "all rules (CPU)");
  }
}
