package dev.kube4c.policy.cel;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address as Kubernetes' CEL library accepts it: IPv4 in dotted-quad form without leading
 * zeros, or IPv6; never IPv4-mapped IPv6 or a zone. Only literal addresses are parsed, never names
 * (no DNS look-up can happen).
 */
public record KubeIp(byte[] bytes) {

  private static final Pattern IPV4 =
      Pattern.compile(
          "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  public KubeIp {
    bytes = bytes.clone();
  }

  public static Optional<KubeIp> parse(String text) {
    if (IPV4.matcher(text).matches()) {
      return Optional.of(new KubeIp(literal(text)));
    }
    if (!text.contains(":") || !IPV6_CHARS.matcher(text).matches()) {
      return Optional.empty();
    }
    byte[] address = literal(text);
    // Java turns "::ffff:1.2.3.4" into the IPv4 address: Kubernetes rejects the mapped form.
    if (address == null || address.length == 4) {
      return Optional.empty();
    }
    return Optional.of(new KubeIp(address));
  }

  private static byte[] literal(String text) {
    try {
      return InetAddress.getByName(text)
          .getAddress(); // a literal: the patterns above exclude names
    } catch (UnknownHostException e) {
      return null;
    }
  }

  public int family() {
    return bytes.length == 4 ? 4 : 6;
  }

  public InetAddress address() {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // only thrown for a wrong length, which parse excludes
    }
  }

  public boolean isGlobalUnicast() {
    InetAddress a = address();
    boolean broadcast = a instanceof Inet4Address && toString().equals("255.255.255.255");
    return !a.isAnyLocalAddress()
        && !a.isLoopbackAddress()
        && !a.isMulticastAddress()
        && !a.isLinkLocalAddress()
        && !broadcast;
  }

  /** IPv4 dotted quad, or IPv6 in the canonical form of RFC 5952 (lower case, longest :: run). */
  @Override
  public String toString() {
    if (bytes.length == 4) {
      return (bytes[0] & 0xff)
          + "."
          + (bytes[1] & 0xff)
          + "."
          + (bytes[2] & 0xff)
          + "."
          + (bytes[3] & 0xff);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero group is not shortened
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KubeIp other && java.util.Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bytes);
  }
}
