package dev.kube4c.vuln.db;

import dev.kube4c.vuln.osv.Advisory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Advisories loaded for one scan, by ecosystem and package name. Names are compared as each
 * ecosystem does: PyPI names normalised by PEP 503, npm and the distributions case-sensitively.
 */
public final class AdvisoryIndex {

  private final Set<String> stored;
  private final Map<String, Map<String, List<Advisory>>> loaded;

  AdvisoryIndex(Set<String> stored, Map<String, Map<String, List<Advisory>>> loaded) {
    this.stored = Set.copyOf(stored);
    this.loaded = loaded;
  }

  /** An index over advisories held in memory (tests, Trivy/Grype input): no store involved. */
  public static AdvisoryIndex of(List<Advisory> advisories) {
    Map<String, Map<String, List<Advisory>>> loaded = new java.util.HashMap<>();
    for (Advisory a : advisories) {
      for (var p : a.affected()) {
        List<Advisory> list =
            loaded
                .computeIfAbsent(p.ecosystem(), k -> new java.util.HashMap<>())
                .computeIfAbsent(key(p.ecosystem(), p.name()), k -> new java.util.ArrayList<>());
        if (!list.contains(a)) {
          list.add(a);
        }
      }
    }
    return new AdvisoryIndex(loaded.keySet(), loaded);
  }

  /** Every ecosystem the store holds (loaded or not). */
  public Set<String> storedEcosystems() {
    return stored;
  }

  public List<Advisory> advisories(String ecosystem, String name) {
    Map<String, List<Advisory>> byName = loaded.get(ecosystem);
    return byName == null ? List.of() : byName.getOrDefault(key(ecosystem, name), List.of());
  }

  static String key(String ecosystem, String name) {
    return ecosystem.equals("PyPI")
        ? name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-")
        : name;
  }
}
