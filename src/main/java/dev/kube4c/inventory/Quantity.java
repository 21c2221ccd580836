package dev.kube4c.inventory;

import java.math.BigDecimal;
import java.util.Optional;

/** Kubernetes resource quantities ("500m", "1Gi", "2e3") as exact decimals, for comparisons. */
public final class Quantity {

  private Quantity() {}

  public static Optional<BigDecimal> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim();
    String[][] suffixes = {
      {"Ki", "1024"},
      {"Mi", "1048576"},
      {"Gi", "1073741824"},
      {"Ti", "1099511627776"},
      {"Pi", "1125899906842624"},
      {"Ei", "1152921504606846976"},
      {"n", "0.000000001"},
      {"u", "0.000001"},
      {"m", "0.001"},
      {"k", "1000"},
      {"M", "1000000"},
      {"G", "1000000000"},
      {"T", "1000000000000"},
      {"P", "1000000000000000"},
      {"E", "1000000000000000000"}
    };
    try {
      for (String[] suffix : suffixes) {
        if (s.endsWith(suffix[0])) {
          return Optional.of(
              new BigDecimal(s.substring(0, s.length() - suffix[0].length()))
                  .multiply(new BigDecimal(suffix[1])));
        }
      }
      return Optional.of(new BigDecimal(s));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
