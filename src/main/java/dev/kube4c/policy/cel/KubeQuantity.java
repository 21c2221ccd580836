package dev.kube4c.policy.cel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity as CEL sees it: an exact decimal. Two quantities are equal when
 * their values are ("1" and "1000m"), whatever their spelling.
 */
public record KubeQuantity(BigDecimal value) implements Comparable<KubeQuantity> {

  /** The quantity grammar of the Kubernetes API: a signed decimal, then one suffix or exponent. */
  private static final Pattern SYNTAX =
      Pattern.compile(
          "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?");

  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")));

  public KubeQuantity {
    value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
  }

  public static Optional<KubeQuantity> parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
    String suffix = m.group(2);
    if (suffix == null) {
      return Optional.of(new KubeQuantity(number));
    }
    if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      int exponent;
      try {
        exponent = Integer.parseInt(suffix.substring(1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (Math.abs(exponent) > 1000) {
        return Optional.empty();
      }
      return Optional.of(new KubeQuantity(number.scaleByPowerOfTen(exponent)));
    }
    return Optional.of(new KubeQuantity(number.multiply(SUFFIXES.get(suffix))));
  }

  public boolean isInteger() {
    return value.signum() == 0 || value.scale() <= 0;
  }

  /** The value as an int, when it is a whole number that fits in 64 bits. */
  public Optional<Long> asLong() {
    if (!isInteger()) {
      return Optional.empty();
    }
    BigInteger whole = value.toBigIntegerExact();
    return whole.bitLength() < 64 ? Optional.of(whole.longValue()) : Optional.empty();
  }

  @Override
  public int compareTo(KubeQuantity other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value.toPlainString();
  }
}
