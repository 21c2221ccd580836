package dev.kube4c.engine;

import dev.kube4c.config.Config;
import dev.kube4c.images.ImageVerifier;
import dev.kube4c.pss.PssVersion;
import dev.kube4c.rules.Layer;
import dev.kube4c.rules.RuleCatalogue;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The one place where a rule set is put together from the catalogue, the configuration (severity
 * overrides, exceptions), the Pod Security level and version and the rule selection; {@code scan}
 * and {@code serve} both build theirs here, so every rule of the catalogue runs in both.
 */
public record RuleSetup(RuleCatalogue catalogue, ScanRequest request) {

  /** The options a user gives, before they are checked. */
  public record Options(
      Config config,
      String pssLevel,
      String pssVersion,
      Set<Layer> layers,
      Set<String> onlyRules,
      Set<String> excludedRules,
      ImageVerifier imageVerifier) {}

  /**
   * Checks the options against the catalogue.
   *
   * @throws IllegalArgumentException with a sentence for the user (a usage error, exit 2)
   */
  public static RuleSetup of(RuleCatalogue catalogue, Options options, LocalDate today) {
    Config settings = options.config().withPss(options.pssLevel(), options.pssVersion());
    if (settings.pssLevel() != null
        && !List.of("baseline", "restricted", "privileged").contains(settings.pssLevel())) {
      throw new IllegalArgumentException("--pss-level must be baseline or restricted");
    }
    if (options.pssVersion() != null && PssVersion.parse(options.pssVersion()).isEmpty()) {
      throw new IllegalArgumentException("--pss-version must be v1.N (e.g. v1.30) or latest");
    }
    ScanRequest request =
        new ScanRequest(
            settings,
            options.layers(),
            options.onlyRules(),
            options.excludedRules(),
            today,
            options.imageVerifier());
    List<String> unknown = new Scanner(catalogue).unknownRuleIds(request);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown rule id(s): " + String.join(", ", unknown) + " (see 'kube4c rules')");
    }
    return new RuleSetup(catalogue, request);
  }

  public Scanner scanner() {
    return new Scanner(catalogue);
  }
}
