package dev.kube4c.engine;

import dev.kube4c.config.Config;
import dev.kube4c.images.ImageVerifier;
import dev.kube4c.rules.Layer;
import dev.kube4c.rules.RequestAttributes;
import dev.kube4c.vuln.ImageScanner;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What to scan and with which rules: layers, rule ids to keep (empty: all) and rule ids to drop.
 * {@code today} is injectable so that exception expiry is testable. {@code imageVerifier} is null
 * unless image signatures are to be verified (--verify-images); {@code imageScanner} is null unless
 * images are to be scanned for vulnerabilities (--images). {@code admission} is the request being
 * judged when the rules run inside {@code kube4c serve}, else null; rules see it as {@link
 * dev.kube4c.rules.RuleContext#request()}.
 */
public record ScanRequest(
    Config config,
    Set<Layer> layers,
    Set<String> onlyRules,
    Set<String> excludedRules,
    LocalDate today,
    ImageVerifier imageVerifier,
    ImageScanner imageScanner,
    RequestAttributes admission) {

  public ScanRequest(
      Config config,
      Set<Layer> layers,
      Set<String> onlyRules,
      Set<String> excludedRules,
      LocalDate today,
      ImageVerifier imageVerifier) {
    this(config, layers, onlyRules, excludedRules, today, imageVerifier, null, null);
  }

  public ScanRequest(
      Config config,
      Set<Layer> layers,
      Set<String> onlyRules,
      Set<String> excludedRules,
      LocalDate today) {
    this(config, layers, onlyRules, excludedRules, today, null);
  }

  public ScanRequest {
    layers = layers == null || layers.isEmpty() ? Set.of(Layer.values()) : Set.copyOf(layers);
    onlyRules = onlyRules == null ? Set.of() : Set.copyOf(onlyRules);
    excludedRules = excludedRules == null ? Set.of() : Set.copyOf(excludedRules);
  }

  public static ScanRequest defaults(Config config) {
    return new ScanRequest(config, null, null, null, LocalDate.now());
  }

  public ScanRequest onlyRule(String id) {
    return new ScanRequest(
        config, layers, Set.of(id), excludedRules, today, imageVerifier, imageScanner, admission);
  }

  public ScanRequest withImageVerifier(ImageVerifier verifier) {
    return new ScanRequest(
        config, layers, onlyRules, excludedRules, today, verifier, imageScanner, admission);
  }

  public ScanRequest withImageScanner(ImageScanner scanner) {
    return new ScanRequest(
        config, layers, onlyRules, excludedRules, today, imageVerifier, scanner, admission);
  }

  /** The same rules judging one admission request, on {@code day} (a server runs for days). */
  public ScanRequest forAdmission(RequestAttributes attributes, LocalDate day) {
    return new ScanRequest(
        config, layers, onlyRules, excludedRules, day, imageVerifier, imageScanner, attributes);
  }

  /** The same request without the rules named in {@code ids}. */
  public ScanRequest excluding(Set<String> ids) {
    if (ids.isEmpty()) {
      return this;
    }
    Set<String> excluded = new java.util.HashSet<>(excludedRules);
    excluded.addAll(ids);
    return new ScanRequest(
        config, layers, onlyRules, excluded, today, imageVerifier, imageScanner, admission);
  }

  /** A request that runs no rule at all (layers empty after filtering). */
  public ScanRequest withNoRules() {
    return new ScanRequest(config, layers, Set.of("\u0000none"), excludedRules, today);
  }

  boolean selects(String ruleId, Layer layer) {
    return layers.contains(layer)
        && (onlyRules.isEmpty() || onlyRules.contains(ruleId))
        && !excludedRules.contains(ruleId);
  }

  static List<String> unknownIds(Set<String> ids, Set<String> known) {
    return ids.stream().filter(id -> !known.contains(id)).sorted().toList();
  }
}
