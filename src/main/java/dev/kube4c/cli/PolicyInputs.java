package dev.kube4c.cli;

import dev.kube4c.config.Config;
import dev.kube4c.engine.Scanner;
import dev.kube4c.policy.PolicyRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ValidatingAdmissionPolicies a command applies: those of {@code --policy} and of {@code
 * policies:} in the configuration (relative to the configuration file), and those found among the
 * scanned objects unless turned off.
 */
final class PolicyInputs {

  private PolicyInputs() {}

  static PolicyRules.Loaded load(List<String> fromCommandLine, Config config) {
    List<String> paths = new ArrayList<>(fromCommandLine);
    Path base =
        config.source() == null ? null : Path.of(config.source()).toAbsolutePath().getParent();
    for (String path : config.policies()) {
      paths.add(
          base == null || Path.of(path).isAbsolute()
              ? path
              : base.resolve(path).normalize().toString());
    }
    return PolicyRules.load(paths, System.in);
  }

  static Scanner.InputRules fromInputs(boolean enabled) {
    if (!enabled) {
      return Scanner.InputRules.NONE;
    }
    return (inventory, known, problems) -> {
      PolicyRules.Loaded loaded = PolicyRules.fromInventory(inventory, known);
      problems.addAll(loaded.problems());
      return loaded.rules();
    };
  }
}
