package dev.kube4c.vuln;

import dev.kube4c.sbom.OsRelease;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When distribution releases leave support: the last day their publisher (or, for Debian, the
 * Debian LTS team) ships security updates. Sources, checked 2026-12: Debian's release and LTS pages
 * (wiki.debian.org/LTS), Alpine's release branches page (each branch is supported two years),
 * Ubuntu's release cycle page (standard support, not ESM/Pro), Red Hat's Enterprise Linux life
 * cycle page (end of maintenance support; UBI images follow RHEL). Keep this table in step with
 * those pages; docs/vulnerabilities.md lists them.
 */
public final class OsSupport {

  private OsSupport() {}

  /** A release and the day its support ends. */
  public record Release(String name, LocalDate supportEnds) {}

  private static final Map<String, Release> RELEASES =
      Map.ofEntries(
          debian("8", "jessie", "2020-06-30"),
          debian("9", "stretch", "2022-06-30"),
          debian("10", "buster", "2024-06-30"),
          debian("11", "bullseye", "2026-08-31"),
          debian("12", "bookworm", "2028-06-30"),
          debian("13", "trixie", "2030-06-30"),
          alpine("3.12", "2022-05-01"),
          alpine("3.13", "2022-11-01"),
          alpine("3.14", "2023-05-01"),
          alpine("3.15", "2023-11-01"),
          alpine("3.16", "2024-05-23"),
          alpine("3.17", "2024-11-22"),
          alpine("3.18", "2025-05-09"),
          alpine("3.19", "2025-11-01"),
          alpine("3.20", "2026-04-01"),
          alpine("3.21", "2026-11-01"),
          alpine("3.22", "2027-05-01"),
          alpine("3.23", "2027-11-01"),
          ubuntu("16.04", "2021-04-30"),
          ubuntu("18.04", "2023-05-31"),
          ubuntu("20.04", "2025-05-31"),
          ubuntu("22.04", "2027-06-01"),
          ubuntu("23.10", "2024-07-11"),
          ubuntu("24.04", "2029-05-31"),
          ubuntu("24.10", "2025-07-10"),
          ubuntu("25.04", "2026-01-15"),
          rhel("7", "2024-06-30"),
          rhel("8", "2029-05-31"),
          rhel("9", "2032-05-31"),
          rhel("10", "2035-05-31"));

  /** The release of {@code os} when the table knows it. */
  public static Optional<Release> of(OsRelease os) {
    if (os == null || os.id() == null || os.versionId() == null) {
      return Optional.empty();
    }
    String id = os.id().toLowerCase(Locale.ROOT);
    String[] parts = os.versionId().strip().split("\\.");
    String key =
        switch (id) {
          case "debian", "rhel" -> id + ":" + parts[0];
          case "alpine" -> parts.length >= 2 ? id + ":" + parts[0] + "." + parts[1] : null;
          case "ubuntu" -> id + ":" + os.versionId().strip();
          default -> null;
        };
    return key == null ? Optional.empty() : Optional.ofNullable(RELEASES.get(key));
  }

  private static Map.Entry<String, Release> debian(String version, String codename, String ends) {
    return Map.entry(
        "debian:" + version,
        new Release("Debian " + version + " (" + codename + ")", LocalDate.parse(ends)));
  }

  private static Map.Entry<String, Release> alpine(String version, String ends) {
    return Map.entry("alpine:" + version, new Release("Alpine " + version, LocalDate.parse(ends)));
  }

  private static Map.Entry<String, Release> ubuntu(String version, String ends) {
    return Map.entry("ubuntu:" + version, new Release("Ubuntu " + version, LocalDate.parse(ends)));
  }

  private static Map.Entry<String, Release> rhel(String version, String ends) {
    return Map.entry(
        "rhel:" + version,
        new Release("Red Hat Enterprise Linux " + version, LocalDate.parse(ends)));
  }
}
