package dev.kube4c.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdDSAParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * A cosign public key (PEM {@code PUBLIC KEY}, i.e. X.509 SubjectPublicKeyInfo, as {@code cosign
 * generate-key-pair} writes it) and how cosign signs with its kind: ECDSA and RSA (PKCS#1 v1.5)
 * over SHA-256, Ed25519 pure or pre-hashed (Ed25519ph). Verification uses only the JDK.
 */
public record TrustedKey(String name, PublicKey key, String signatureAlgorithm) {

  private static final List<String> KINDS = List.of("EC", "RSA", "Ed25519");

  public static TrustedKey load(Path file) throws IOException {
    return parse(file.toString(), Files.readString(file, StandardCharsets.US_ASCII));
  }

  /** Parses a PEM text; {@code name} is for messages (the file name). */
  public static TrustedKey parse(String name, String pem) throws IOException {
    int begin = pem.indexOf("-----BEGIN PUBLIC KEY-----");
    int end = pem.indexOf("-----END PUBLIC KEY-----");
    if (begin < 0 || end < begin) {
      String found =
          pem.contains("PRIVATE KEY") ? " (this is a private key: give the .pub file)" : "";
      throw new IOException(
          name + ": not a PEM public key (expected -----BEGIN PUBLIC KEY-----)" + found);
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(pem.substring(begin + 26, end).replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new IOException(name + ": the PEM body is not base64");
    }
    for (String kind : KINDS) {
      try {
        PublicKey key = KeyFactory.getInstance(kind).generatePublic(new X509EncodedKeySpec(der));
        return new TrustedKey(
            name,
            key,
            switch (kind) {
              case "EC" -> "SHA256withECDSA";
              case "RSA" -> "SHA256withRSA";
              default -> "Ed25519";
            });
      } catch (GeneralSecurityException e) {
        // not this kind; try the next
      }
    }
    throw new IOException(name + ": unsupported public key (ECDSA, RSA and Ed25519 are supported)");
  }

  /**
   * True when {@code signature} is this key's signature over {@code payload}; malformed signatures
   * are false. Ed25519 signatures may be pure or pre-hashed (Ed25519ph, RFC 8032): cosign signs
   * with Ed25519ph since v2.3, while older cosign and other tools sign pure Ed25519.
   */
  public boolean verifies(byte[] payload, byte[] signature) {
    if (verifies(payload, signature, false)) {
      return true;
    }
    return signatureAlgorithm.equals("Ed25519") && verifies(payload, signature, true);
  }

  private boolean verifies(byte[] payload, byte[] signature, boolean prehash) {
    try {
      Signature verifier = Signature.getInstance(signatureAlgorithm);
      if (prehash) {
        verifier.setParameter(new EdDSAParameterSpec(true));
      }
      verifier.initVerify(key);
      verifier.update(payload);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** e.g. "cosign.pub (ECDSA)". */
  public String describe() {
    String kind =
        switch (signatureAlgorithm) {
          case "SHA256withECDSA" -> "ECDSA";
          case "SHA256withRSA" -> "RSA";
          default -> "Ed25519";
        };
    return Path.of(name).getFileName() + " (" + kind + ")";
  }
}
