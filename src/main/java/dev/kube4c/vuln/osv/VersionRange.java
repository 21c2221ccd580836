package dev.kube4c.vuln.osv;

import dev.kube4c.vuln.version.VersionScheme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An OSV range (ECOSYSTEM or SEMVER; GIT ranges are dropped at import because images carry no
 * commits), evaluated as the OSV schema prescribes. The events are kept sorted by version ({@link
 * #sorted}, done once at import), so that matching walks them without sorting.
 */
public record VersionRange(String type, List<Event> events) {

  public VersionRange {
    events = List.copyOf(events);
  }

  public enum Kind {
    INTRODUCED,
    FIXED,
    LAST_AFFECTED,
    LIMIT
  }

  public record Event(Kind kind, String version) {
    boolean isZero() {
      return kind == Kind.INTRODUCED && version.equals("0");
    }
  }

  /**
   * Whether {@code version} lies in this range: a version is affected from an {@code introduced} at
   * or below it until a {@code fixed} at or below it or a {@code last_affected} below it; a {@code
   * limit} at or below it ends the range.
   */
  public boolean contains(String version, Comparator<String> order) {
    boolean affected = false;
    for (Event e : events) {
      if (!e.isZero() && order.compare(e.version(), version) > 0) {
        break; // events past the version cannot change the answer
      }
      switch (e.kind()) {
        case INTRODUCED -> affected = true;
        case FIXED, LIMIT -> affected = false;
        case LAST_AFFECTED -> affected = order.compare(version, e.version()) <= 0 && affected;
      }
    }
    return affected;
  }

  /** The first fixed version above {@code version}, when the range has one. */
  public Optional<String> fixedAfter(String version, Comparator<String> order) {
    for (Event e : events) {
      if (e.kind() == Kind.FIXED && order.compare(e.version(), version) > 0) {
        return Optional.of(e.version());
      }
    }
    return Optional.empty();
  }

  /** The range with its events in version order ({@code introduced: "0"} first). */
  public VersionRange sorted(VersionScheme scheme) {
    List<Event> out = new ArrayList<>(events);
    out.sort(
        (a, b) -> {
          if (a.isZero() || b.isZero()) {
            return a.isZero() == b.isZero() ? 0 : a.isZero() ? -1 : 1;
          }
          int c = scheme.compare(a.version(), b.version());
          // at one version, an introduced comes after a fixed or limit (a range may restart there)
          return c != 0 ? c : Integer.compare(rank(a.kind()), rank(b.kind()));
        });
    return new VersionRange(type, out);
  }

  private static int rank(Kind kind) {
    return kind == Kind.INTRODUCED ? 1 : 0;
  }
}
