package dev.kube4c.vuln.osv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.rules.Severity;
import dev.kube4c.vuln.version.VersionScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import us.springett.cvss.Cvss;

/**
 * Reads one OSV record (schema 1.x) into an {@link Advisory}. Each problem is a message naming the
 * record and the JSON path ({@code affected[0].ranges[1]}); a bad range or package is dropped and
 * the rest of the record kept. Ecosystems kube4c cannot match (no version scheme) are dropped
 * quietly; GIT ranges are counted, since images carry no commits to compare.
 */
public final class OsvParser {

  /** What one record gave: the advisory (null when nothing usable was left) and the problems. */
  public record Parsed(Advisory advisory, List<String> problems, int gitRangesIgnored) {}

  public Parsed parse(JsonNode record, String origin) {
    List<String> problems = new ArrayList<>();
    if (record == null || !record.isObject()) {
      return new Parsed(null, List.of(origin + ": not an OSV record (not a JSON object)"), 0);
    }
    String id = text(record, "id");
    if (id == null || id.isBlank()) {
      return new Parsed(null, List.of(origin + ": not an OSV record (no 'id')"), 0);
    }
    String where = origin + ": " + id;
    List<String> aliases = new ArrayList<>();
    record.path("aliases").forEach(a -> aliases.add(a.asText()));
    List<AffectedPackage> affected = new ArrayList<>();
    int git = 0;
    JsonNode list = record.path("affected");
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      String path = where + ": affected[" + i + "]";
      String ecosystem = text(entry.path("package"), "ecosystem");
      String name = text(entry.path("package"), "name");
      if (ecosystem == null || name == null) {
        problems.add(path + ": package without ecosystem or name; entry skipped");
        continue;
      }
      Optional<VersionScheme> scheme = VersionScheme.forEcosystem(ecosystem);
      if (scheme.isEmpty()) {
        continue; // an ecosystem kube4c does not match (e.g. a Linux distribution not supported)
      }
      List<VersionRange> ranges = new ArrayList<>();
      JsonNode rangeList = entry.path("ranges");
      for (int r = 0; r < rangeList.size(); r++) {
        JsonNode range = rangeList.get(r);
        String type = text(range, "type");
        if ("GIT".equals(type)) {
          git++;
          continue;
        }
        String rangePath = path + ".ranges[" + r + "]";
        if (!"ECOSYSTEM".equals(type) && !"SEMVER".equals(type)) {
          problems.add(rangePath + ": unknown range type '" + type + "'; range skipped");
          continue;
        }
        VersionScheme rangeScheme =
            "SEMVER".equals(type) && scheme.get() != VersionScheme.GO
                ? VersionScheme.SEMVER
                : scheme.get();
        range(range, rangeScheme, rangePath, problems).ifPresent(ranges::add);
      }
      List<String> versions = new ArrayList<>();
      entry.path("versions").forEach(v -> versions.add(v.asText()));
      if (ranges.isEmpty() && versions.isEmpty()) {
        if (rangeList.size() > 0 && problems.stream().anyMatch(p -> p.startsWith(path + "."))) {
          problems.add(path + ": no usable range left; " + name + " is not matched");
        }
        continue;
      }
      affected.add(new AffectedPackage(ecosystem, name, ranges, versions));
    }
    Advisory advisory =
        affected.isEmpty()
            ? null
            : new Advisory(
                id,
                aliases,
                text(record, "summary"),
                text(record, "modified"),
                rating(record),
                affected);
    return new Parsed(advisory, problems, git);
  }

  private static Optional<VersionRange> range(
      JsonNode range, VersionScheme scheme, String path, List<String> problems) {
    List<VersionRange.Event> events = new ArrayList<>();
    JsonNode list = range.path("events");
    boolean introduced = false;
    for (int e = 0; e < list.size(); e++) {
      JsonNode event = list.get(e);
      if (!event.isObject() || event.size() != 1) {
        problems.add(
            path
                + ".events["
                + e
                + "]: an event has exactly one of introduced, fixed, last_affected, limit; range skipped");
        return Optional.empty();
      }
      String key = event.fieldNames().next();
      VersionRange.Kind kind;
      switch (key) {
        case "introduced" -> kind = VersionRange.Kind.INTRODUCED;
        case "fixed" -> kind = VersionRange.Kind.FIXED;
        case "last_affected" -> kind = VersionRange.Kind.LAST_AFFECTED;
        case "limit" -> kind = VersionRange.Kind.LIMIT;
        default -> {
          problems.add(path + ".events[" + e + "]: unknown event '" + key + "'; range skipped");
          return Optional.empty();
        }
      }
      String version = event.get(key).asText();
      boolean zero = kind == VersionRange.Kind.INTRODUCED && version.equals("0");
      if (!zero
          && (kind != VersionRange.Kind.LIMIT || !version.equals("*"))
          && !scheme.accepts(version)) {
        problems.add(
            path
                + ".events["
                + e
                + "]: "
                + key
                + " '"
                + version
                + "' is not a "
                + scheme.label()
                + " version; range skipped");
        return Optional.empty();
      }
      if (kind == VersionRange.Kind.LIMIT && version.equals("*")) {
        continue; // "no limit"
      }
      introduced |= kind == VersionRange.Kind.INTRODUCED;
      events.add(new VersionRange.Event(kind, version));
    }
    if (!introduced) {
      problems.add(path + ": range without an 'introduced' event; range skipped");
      return Optional.empty();
    }
    return Optional.of(new VersionRange(text(range, "type"), events).sorted(scheme));
  }

  /**
   * The rating: the highest CVSS v3 base score among the record's vectors (most databases and
   * scanners rate by v3, so kube4c agrees with them where both are given); else the highest CVSS
   * v4.0 base score; else a rating the database wrote ({@code database_specific.severity}, an
   * affected entry's {@code ecosystem_specific.severity} or {@code database_specific.severity}, or
   * a typed severity such as Ubuntu's).
   */
  static Rating rating(JsonNode record) {
    for (String version : List.of("CVSS_V3", "CVSS_V4")) {
      double best = -1;
      String vector = null;
      for (JsonNode s : record.path("severity")) {
        String type = text(s, "type");
        String score = text(s, "score");
        if (type != null && type.startsWith(version)) {
          Optional<Double> value =
              version.equals("CVSS_V3") ? Cvss3.baseScore(score) : cvss4BaseScore(score);
          if (value.isPresent() && value.get() > best) {
            best = value.get();
            vector = score;
          }
        }
      }
      if (vector != null) {
        return new Rating(Rating.ofScore(best), vector + " = " + best);
      }
    }
    List<String> words = new ArrayList<>();
    words.add(text(record.path("database_specific"), "severity"));
    for (JsonNode a : record.path("affected")) {
      words.add(text(a.path("ecosystem_specific"), "severity"));
      words.add(text(a.path("database_specific"), "severity"));
    }
    for (JsonNode s : record.path("severity")) {
      if (!String.valueOf(text(s, "type")).startsWith("CVSS")) {
        words.add(text(s, "score"));
      }
    }
    for (String word : words) {
      Severity severity = word == null ? null : ofWord(word);
      if (severity != null) {
        return new Rating(severity, "rated " + word + " by the database");
      }
    }
    return Rating.UNRATED;
  }

  /** A CVSS v4.0 base score, or empty for a vector that is not a complete v4.0 base vector. */
  static Optional<Double> cvss4BaseScore(String vector) {
    if (vector == null || !vector.startsWith("CVSS:4.0/")) {
      return Optional.empty();
    }
    try {
      Cvss cvss = Cvss.fromVector(vector);
      return cvss == null ? Optional.empty() : Optional.of(cvss.calculateScore().getBaseScore());
    } catch (RuntimeException e) {
      return Optional.empty(); // MalformedVectorException and kin: the record stays unscored by v4
    }
  }

  private static Severity ofWord(String word) {
    return switch (word.strip().toLowerCase(Locale.ROOT)) {
      case "critical" -> Severity.CRITICAL;
      case "high", "important" -> Severity.HIGH;
      case "moderate", "medium" -> Severity.MEDIUM;
      case "low", "negligible" -> Severity.LOW;
      default -> null;
    };
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
  }
}
