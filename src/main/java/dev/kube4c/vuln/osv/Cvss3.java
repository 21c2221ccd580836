package dev.kube4c.vuln.osv;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CVSS v3.x base score of a vector string, by the formula of the CVSS v3.1 specification
 * (section 7.1, with its Roundup of appendix A). v3.0 vectors are scored the same way; the two
 * versions differ only in rounding at the last decimal in rare cases. No Maven Central library is
 * in use for this; the formula is a dozen lines.
 */
public final class Cvss3 {

  private Cvss3() {}

  /** The base score, or empty when the vector is not a complete CVSS v3 base vector. */
  public static Optional<Double> baseScore(String vector) {
    if (vector == null || !vector.startsWith("CVSS:3.")) {
      return Optional.empty();
    }
    Map<String, String> m = new HashMap<>();
    String[] parts = vector.split("/");
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split(":", 2);
      if (kv.length != 2) {
        return Optional.empty();
      }
      m.put(kv[0], kv[1]);
    }
    boolean changed = "C".equals(m.get("S"));
    Double av = weight(m.get("AV"), "N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2);
    Double ac = weight(m.get("AC"), "L", 0.77, "H", 0.44);
    Double pr =
        changed
            ? weight(m.get("PR"), "N", 0.85, "L", 0.68, "H", 0.5)
            : weight(m.get("PR"), "N", 0.85, "L", 0.62, "H", 0.27);
    Double ui = weight(m.get("UI"), "N", 0.85, "R", 0.62);
    Double c = weight(m.get("C"), "H", 0.56, "L", 0.22, "N", 0.0);
    Double in = weight(m.get("I"), "H", 0.56, "L", 0.22, "N", 0.0);
    Double a = weight(m.get("A"), "H", 0.56, "L", 0.22, "N", 0.0);
    if (av == null
        || ac == null
        || pr == null
        || ui == null
        || c == null
        || in == null
        || a == null
        || !(changed || "U".equals(m.get("S")))) {
      return Optional.empty();
    }
    double iss = 1 - (1 - c) * (1 - in) * (1 - a);
    double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
    if (impact <= 0) {
      return Optional.of(0.0);
    }
    double exploitability = 8.22 * av * ac * pr * ui;
    double sum = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
    return Optional.of(roundUp(Math.min(sum, 10)));
  }

  /** The specification's Roundup: the smallest one-decimal number at or above, float-safe. */
  static double roundUp(double value) {
    long scaled = Math.round(value * 100000);
    return scaled % 10000 == 0 ? scaled / 100000.0 : (Math.floorDiv(scaled, 10000) + 1) / 10.0;
  }

  private static Double weight(String value, Object... table) {
    for (int i = 0; i < table.length; i += 2) {
      if (table[i].equals(value)) {
        return (Double) table[i + 1];
      }
    }
    return null;
  }
}
