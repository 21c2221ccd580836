package dev.kube4c.vuln;

/**
 * One package of an image that an advisory affects.
 *
 * @param name the package as installed (binary name)
 * @param version the installed version
 * @param matchedAs the name the advisory uses when it differs (Debian source package, Alpine
 *     origin), else null
 * @param fixedIn the first fixed version above the installed one, or null when none is known
 */
public record PackageHit(String name, String version, String matchedAs, String fixedIn) {

  /** {@code openssl 3.0.11-1~deb12u1 (source openssl), fixed in 3.0.13-1~deb12u1}. */
  public String describe() {
    return name
        + " "
        + version
        + (matchedAs == null || matchedAs.equals(name) ? "" : " (source " + matchedAs + ")")
        + (fixedIn == null ? ", no fixed version" : ", fixed in " + fixedIn);
  }
}
