package dev.kube4c.vuln.osv;

import java.util.List;

/**
 * One OSV advisory as kube4c keeps it: what is needed to match packages and to report (id, aliases,
 * summary, modification time, rating) and the affected packages of the ecosystems kube4c matches.
 *
 * @param modified the record's {@code modified} time, RFC 3339 text as written
 * @param rating the severity, or {@link Rating#UNRATED}
 */
public record Advisory(
    String id,
    List<String> aliases,
    String summary,
    String modified,
    Rating rating,
    List<AffectedPackage> affected) {

  public Advisory {
    aliases = List.copyOf(aliases);
    summary = summary == null ? "" : summary;
    modified = modified == null ? "" : modified;
    affected = List.copyOf(affected);
  }

  /** The id and its aliases, e.g. {@code GO-2022-1059 (CVE-2022-32149, GHSA-69ch-w2m2-3vjp)}. */
  public String title() {
    return aliases.isEmpty() ? id : id + " (" + String.join(", ", aliases) + ")";
  }

  /** The same advisory restricted to some of its affected packages. */
  public Advisory withAffected(List<AffectedPackage> only) {
    return new Advisory(id, aliases, summary, modified, rating, only);
  }
}
