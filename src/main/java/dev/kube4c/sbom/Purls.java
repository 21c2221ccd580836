package dev.kube4c.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Package URLs (purl spec) for the packages kube4c finds, and the way back from a purl to the OSV
 * ecosystem and package name that advisories use.
 */
public final class Purls {

  private Purls() {}

  /** A purl, or null when the parts are not a valid purl (the package is still reported). */
  public static String of(
      String type, String namespace, String name, String version, Map<String, String> qualifiers) {
    try {
      TreeMap<String, String> q = new TreeMap<>();
      qualifiers.forEach(
          (k, v) -> {
            if (v != null && !v.isEmpty()) {
              q.put(k, v);
            }
          });
      return new PackageURL(type, namespace, name, version, q.isEmpty() ? null : q, null)
          .canonicalize();
    } catch (MalformedPackageURLException e) {
      return null;
    }
  }

  /** The OSV ecosystem of a distribution's packages, from os-release {@code ID}. */
  public static String osEcosystem(String packageType, OsRelease os) {
    String id = os == null ? "" : os.id().toLowerCase(Locale.ROOT);
    return switch (packageType) {
      case "deb" -> id.equals("ubuntu") ? "Ubuntu" : "Debian";
      case "apk" ->
          switch (id) {
            case "wolfi" -> "Wolfi";
            case "chainguard" -> "Chainguard";
            default -> "Alpine";
          };
      case "rpm" ->
          switch (id) {
            case "rocky" -> "Rocky Linux";
            case "almalinux" -> "AlmaLinux";
            case "opensuse", "opensuse-leap", "opensuse-tumbleweed" -> "openSUSE";
            case "sles" -> "SUSE";
            case "mariner", "azurelinux" -> "Azure Linux";
            default -> "Red Hat";
          };
      default -> throw new IllegalArgumentException("not an OS package type: " + packageType);
    };
  }

  /** The purl namespace of a distribution's packages ({@code debian}, {@code alpine}, ...). */
  public static String osNamespace(String packageType, OsRelease os) {
    if (os != null && !os.id().isEmpty()) {
      String id = os.id().toLowerCase(Locale.ROOT);
      return packageType.equals("rpm") && id.equals("rhel") ? "redhat" : id;
    }
    return switch (packageType) {
      case "deb" -> "debian";
      case "apk" -> "alpine";
      default -> "redhat";
    };
  }

  /**
   * The {@code distro} qualifier, as Syft and Trivy write it: {@code debian-12}, {@code 3.20.3}.
   */
  public static String distro(OsRelease os) {
    if (os == null || os.versionId() == null || os.versionId().isEmpty()) {
      return null;
    }
    return os.id() + "-" + os.versionId();
  }

  /**
   * A package from its purl alone (an SBOM file): ecosystem and name as OSV names them, or null for
   * purl types kube4c does not match.
   */
  public static SoftwarePackage fromPurl(String purl, String location) {
    PackageURL p;
    try {
      p = new PackageURL(purl);
    } catch (MalformedPackageURLException e) {
      return null;
    }
    String ns = p.getNamespace();
    String version = p.getVersion() == null ? "" : p.getVersion();
    Map<String, String> q = p.getQualifiers() == null ? Map.of() : p.getQualifiers();
    String sourceName = null;
    String sourceVersion = null;
    String upstream = q.get("upstream");
    if (upstream != null) {
      int at = upstream.indexOf('@');
      sourceName = at < 0 ? upstream : upstream.substring(0, at);
      sourceVersion = at < 0 ? null : upstream.substring(at + 1);
    }
    OsRelease os = ns == null ? null : new OsRelease(ns, "", null, null);
    String ecosystem;
    String name;
    switch (p.getType()) {
      case "deb", "apk", "rpm" -> {
        ecosystem = osEcosystem(p.getType(), os);
        name = p.getName();
        if (p.getType().equals("rpm") && q.containsKey("epoch") && !version.contains(":")) {
          version = q.get("epoch") + ":" + version;
        }
      }
      case "maven" -> {
        ecosystem = "Maven";
        name = ns == null ? p.getName() : ns + ":" + p.getName();
      }
      case "golang" -> {
        ecosystem = "Go";
        name = ns == null ? p.getName() : ns + "/" + p.getName();
      }
      case "pypi" -> {
        ecosystem = "PyPI";
        name = p.getName();
      }
      case "npm" -> {
        ecosystem = "npm";
        name = ns == null ? p.getName() : ns + "/" + p.getName();
      }
      case "gem" -> {
        ecosystem = "RubyGems";
        name = p.getName();
      }
      case "cargo" -> {
        ecosystem = "crates.io";
        name = p.getName();
      }
      case "nuget" -> {
        ecosystem = "NuGet";
        name = p.getName();
      }
      case "composer" -> {
        ecosystem = "Packagist";
        name = ns == null ? p.getName() : ns + "/" + p.getName();
      }
      default -> {
        return null;
      }
    }
    return new SoftwarePackage(
        ecosystem, name, version, sourceName, sourceVersion, p.canonicalize(), location);
  }
}
