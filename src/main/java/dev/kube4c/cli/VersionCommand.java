package dev.kube4c.cli;

import dev.kube4c.engine.Scanner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kube4c version}. */
@Command(name = "version", description = "Print the kube4c version.")
final class VersionCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine()
        .getOut()
        .println("kube4c " + Scanner.VERSION + " (Java " + Runtime.version() + ")");
    return Main.EXIT_OK;
  }
}
