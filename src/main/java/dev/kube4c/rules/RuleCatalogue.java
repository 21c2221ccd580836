package dev.kube4c.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Every built-in rule, found through {@link ServiceLoader}, sorted by layer and id. */
public final class RuleCatalogue {

  private final Map<String, Rule> rules;

  private RuleCatalogue(List<Rule> rules) {
    Map<String, Rule> byId = new LinkedHashMap<>();
    rules.stream()
        .sorted(
            Comparator.comparing((Rule r) -> r.metadata().layer())
                .thenComparing(r -> r.metadata().id()))
        .forEach(
            rule -> {
              if (byId.putIfAbsent(rule.metadata().id(), rule) != null) {
                throw new IllegalStateException("two rules with id " + rule.metadata().id());
              }
            });
    this.rules = byId;
  }

  public static RuleCatalogue builtIn() {
    List<Rule> found = new ArrayList<>();
    ServiceLoader.load(Rule.class, RuleCatalogue.class.getClassLoader()).forEach(found::add);
    return new RuleCatalogue(found);
  }

  public static RuleCatalogue of(List<Rule> rules) {
    return new RuleCatalogue(rules);
  }

  /**
   * This catalogue with more rules (custom ones, such as admission policies); ids must stay unique.
   */
  public RuleCatalogue with(List<Rule> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<Rule> all = new ArrayList<>(rules.values());
    all.addAll(more);
    return new RuleCatalogue(all);
  }

  public List<Rule> all() {
    return List.copyOf(rules.values());
  }

  public Optional<Rule> find(String id) {
    return Optional.ofNullable(rules.get(id));
  }
}
