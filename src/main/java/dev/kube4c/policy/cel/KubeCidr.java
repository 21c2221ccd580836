package dev.kube4c.policy.cel;

import java.util.Optional;

/**
 * A CIDR as Kubernetes' CEL library accepts it: an address (not necessarily masked) and a prefix.
 */
public record KubeCidr(KubeIp ip, int prefixLength) {

  public static Optional<KubeCidr> parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String length = text.substring(slash + 1);
    if (!length.matches("0|[1-9][0-9]{0,2}")) {
      return Optional.empty();
    }
    return KubeIp.parse(text.substring(0, slash))
        .filter(ip -> Integer.parseInt(length) <= ip.bytes().length * 8)
        .map(ip -> new KubeCidr(ip, Integer.parseInt(length)));
  }

  /** The network: the address with the bits after the prefix cleared. */
  public KubeCidr masked() {
    byte[] bytes = ip.bytes();
    for (int bit = prefixLength; bit < bytes.length * 8; bit++) {
      bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return new KubeCidr(new KubeIp(bytes), prefixLength);
  }

  public boolean contains(KubeIp other) {
    if (other.family() != ip.family()) {
      return false;
    }
    byte[] mine = ip.bytes();
    byte[] theirs = other.bytes();
    for (int bit = 0; bit < prefixLength; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((mine[bit / 8] & mask) != (theirs[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  public boolean contains(KubeCidr other) {
    return other.prefixLength >= prefixLength && contains(other.ip);
  }

  @Override
  public String toString() {
    return ip + "/" + prefixLength;
  }
}
