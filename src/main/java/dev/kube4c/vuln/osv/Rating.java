package dev.kube4c.vuln.osv;

import dev.kube4c.rules.Severity;

/**
 * An advisory's severity and where it came from: a CVSS base score computed from a v3 vector, or
 * the rating a database wrote down (e.g. GitHub's {@code MODERATE}, Ubuntu's priority).
 *
 * @param severity null when the advisory carries no usable rating
 * @param basis what the rating was taken from, e.g. {@code CVSS:3.1/AV:N/... = 7.5}
 */
public record Rating(Severity severity, String basis) {

  public static final Rating UNRATED = new Rating(null, "not rated by the advisory");

  /** CVSS v3 qualitative rating scale. */
  public static Severity ofScore(double score) {
    if (score >= 9.0) {
      return Severity.CRITICAL;
    }
    if (score >= 7.0) {
      return Severity.HIGH;
    }
    if (score >= 4.0) {
      return Severity.MEDIUM;
    }
    return score > 0 ? Severity.LOW : Severity.INFO;
  }
}
