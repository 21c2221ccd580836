package dev.kube4c.sbom;

/**
 * The distribution of an image, from {@code /etc/os-release} (or {@code /usr/lib/os-release}).
 *
 * @param id {@code ID}, e.g. {@code debian}, {@code alpine}, {@code rhel}, {@code ubuntu}
 * @param versionId {@code VERSION_ID}, e.g. {@code 12}, {@code 3.20.3}, {@code 9.4}
 * @param versionCodename {@code VERSION_CODENAME} when present (e.g. {@code bookworm}), else null
 * @param prettyName {@code PRETTY_NAME} when present, else null
 */
public record OsRelease(String id, String versionId, String versionCodename, String prettyName) {}
