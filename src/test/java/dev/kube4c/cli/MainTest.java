package dev.kube4c.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The root command: a run builds only the subcommand it names, and help still shows them all. */
class MainTest {

  private static final String[] COMMANDS = {
    "scan", "rules", "map", "who-can", "netpol", "render", "db", "sbom", "serve", "test", "version",
    "help"
  };

  @Test
  void theUsageListsEverySubcommand() {
    CliRunner run = CliRunner.run("--help");

    assertThat(run.exitCode()).isZero();
    for (String command : COMMANDS) {
      assertThat(run.out()).containsPattern("(?m)^  " + command + " ");
    }
  }

  @Test
  void helpForOneCommandIsThatCommandsUsage() {
    CliRunner run = CliRunner.run("help", "scan");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: kube4c scan ");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    CliRunner run = CliRunner.run("scna");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_ERROR);
    assertThat(run.err()).contains("Unmatched argument at index 0: 'scna'");
  }

  @Test
  void aNamedCommandRunsAlone() {
    CliRunner run = CliRunner.run("version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("kube4c ");
  }
}
