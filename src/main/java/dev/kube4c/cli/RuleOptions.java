package dev.kube4c.cli;

import dev.kube4c.config.Config;
import dev.kube4c.config.ConfigLoader;
import dev.kube4c.engine.RuleSetup;
import dev.kube4c.images.ImageVerifier;
import dev.kube4c.policy.PolicyRules;
import dev.kube4c.rules.Layer;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.source.InputProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options that choose the rule set (configuration, layers, rule ids, Pod Security level and
 * version, CEL policies), shared by {@code scan} and {@code serve} so that both judge alike.
 */
final class RuleOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--config",
      description = "Configuration file (default: ./.kube4c.yaml when present).")
  Path config;

  @Option(
      names = "--layer",
      split = ",",
      description = "Only rules of these layers: cloud, cluster, container, code.")
  List<String> layers = new ArrayList<>();

  @Option(names = "--rule", split = ",", description = "Only these rule ids.")
  List<String> rules = new ArrayList<>();

  @Option(names = "--exclude-rule", split = ",", description = "Skip these rule ids.")
  List<String> excludedRules = new ArrayList<>();

  @Option(
      names = "--pss-level",
      description = "Evaluate Pod Security Standards at this level: baseline or restricted.")
  String pssLevel;

  @Option(
      names = "--pss-version",
      description = "Pod Security Standards policy version: v1.N or latest.")
  String pssVersion;

  // Repeatable or comma-separated rather than arity 1..*, which would swallow the PATHs after it.
  @Option(
      names = "--policy",
      split = ",",
      paramLabel = "PATH",
      description =
          "ValidatingAdmissionPolicy (and binding, params) files or folders to apply as rules; repeat or separate with commas.")
  List<String> policies = new ArrayList<>();

  Set<Layer> layers() {
    Set<Layer> set = EnumSet.noneOf(Layer.class);
    try {
      layers.forEach(l -> set.add(Layer.parse(l)));
    } catch (IllegalArgumentException e) {
      throw usage("--layer must be cloud, cluster, container or code");
    }
    return set;
  }

  /**
   * The rule set: the catalogue plus the CEL policies of --policy and of the configuration.
   * Problems of the configuration and the policies go to {@code problems}; wrong options are usage
   * errors.
   */
  RuleSetup setup(ImageVerifier imageVerifier, List<InputProblem> problems) {
    Config loaded = loadConfig(problems);
    PolicyRules.Loaded policyRules = PolicyInputs.load(policies, loaded);
    problems.addAll(policyRules.problems());
    try {
      return RuleSetup.of(
          RuleCatalogue.builtIn().with(policyRules.rules()),
          new RuleSetup.Options(
              loaded,
              pssLevel,
              pssVersion,
              layers(),
              new HashSet<>(rules),
              new HashSet<>(excludedRules),
              imageVerifier),
          LocalDate.now());
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private Config loadConfig(List<InputProblem> problems) {
    Path file = config;
    if (file == null) {
      Path implicit = Path.of(".kube4c.yaml");
      if (!Files.isRegularFile(implicit)) {
        return Config.DEFAULT;
      }
      file = implicit;
    } else if (!Files.isRegularFile(file)) {
      throw usage("config file " + file + " does not exist");
    }
    ConfigLoader.Loaded loaded = new ConfigLoader().load(file);
    problems.addAll(loaded.problems());
    return loaded.config();
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
