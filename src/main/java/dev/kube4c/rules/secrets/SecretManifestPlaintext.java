package dev.kube4c.rules.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.ResourceRule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.secrets.CredentialDetector;
import dev.kube4c.secrets.Detection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Secret with its data in the scanned files: base64 is an encoding, so the values are in version
 * control in the clear. Not reported: empty values, templates (a ${placeholder} name, or every
 * credential-named entry a placeholder), configuration files in which no credential is found,
 * certificates (public), and .key/.pem entries without PEM material (test data).
 */
public final class SecretManifestPlaintext extends ResourceRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("secret-manifest-plaintext")
          .title("Secret values checked into manifests")
          .area(Area.SECRETS)
          .severity(Severity.MEDIUM)
          .rationale(
              "Secret data in a manifest is only base64-encoded: everyone with access to the repository, its history and its CI logs has the values, and they cannot be rotated without a commit.")
          .remediation(
              "Keep only encrypted or referenced secrets in Git: Sealed Secrets, SOPS, External Secrets Operator or a Secrets Store CSI driver backed by a cloud secret manager.")
          .references(
              "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
              "https://secrets-store-csi-driver.sigs.k8s.io/")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.4.2")
                  .withNsa("Secrets: use an external secret store")
                  .withMitre("T1552.001")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .build();

  private final CredentialDetector detector = new CredentialDetector();

  public SecretManifestPlaintext() {
    super("Secret");
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  /**
   * Files whose content is configuration rather than a credential, unless a credential is found in
   * it.
   */
  private static final Pattern CONFIG_FILE =
      Pattern.compile(".*\\.(ya?ml|json|ini|conf|cfg|toml|properties|xml|tmpl)$");

  /**
   * Keys of PEM material: without a PEM block it is test data, and certificates alone are public.
   */
  private static final Pattern PEM_FILE = Pattern.compile(".*\\.(key|pem|crt|cert)$");

  private static final Pattern PUBLIC_FILE = Pattern.compile(".*\\.(crt|cert)$");

  @Override
  protected void check(Resource resource, RuleContext context, FindingSink sink) {
    if (resource.name().contains("${") || resource.name().contains("{{")) {
      return; // a template, rendered elsewhere
    }
    List<Value> values = new ArrayList<>();
    collect(resource.object().path("data"), "data", true, values);
    collect(resource.object().path("stringData"), "stringData", false, values);
    List<Value> credentialNamed =
        values.stream()
            .filter(
                v -> CredentialDetector.isKeyLike(v.key()) || PEM_FILE.matcher(v.key()).matches())
            .toList();
    if (!credentialNamed.isEmpty()
        && credentialNamed.stream()
            .allMatch(v -> v.plain() != null && CredentialDetector.isPlaceholder(v.plain()))) {
      return; // every credential in it is a placeholder to fill in at deploy time
    }
    List<String> sensitive = new ArrayList<>();
    List<String> credentials = new ArrayList<>();
    for (Value value : values) {
      List<Detection> found = value.plain() == null ? List.of() : detect(value);
      if (!found.isEmpty()) {
        credentials.add(value.path() + " holds a " + found.get(0).kind());
      }
      if (!found.isEmpty() || isSensitive(value)) {
        sensitive.add(value.path());
      }
    }
    if (sensitive.isEmpty()) {
      return;
    }
    String message =
        "Secret "
            + resource.name()
            + " (type "
            + resource.object().path("type").asText("Opaque")
            + ") has values for "
            + String.join(", ", sensitive)
            + " in the scanned files (values not shown)";
    if (!credentials.isEmpty()) {
      message += "; " + String.join("; ", credentials);
    }
    sink.report(resource, message);
  }

  /**
   * One non-empty entry; {@code plain} is the decoded text, or null when data is not valid base64.
   */
  private record Value(String path, String key, String plain) {}

  private List<Detection> detect(Value value) {
    return value.plain().contains("\n")
        ? detector.inText(null, value.plain())
        : detector.inKeyValue(value.key(), value.plain()).stream().toList();
  }

  /**
   * Anything but placeholders, configuration files without credentials, and PEM keys without PEM
   * material.
   */
  private static boolean isSensitive(Value value) {
    String key = value.key().toLowerCase(Locale.ROOT);
    String plain = value.plain();
    if (plain == null) {
      return true;
    }
    if (CredentialDetector.isPlaceholder(plain) || CONFIG_FILE.matcher(key).matches()) {
      return false;
    }
    if (PEM_FILE.matcher(key).matches()) {
      return plain.contains("-----BEGIN") && !PUBLIC_FILE.matcher(key).matches();
    }
    return true;
  }

  private static void collect(JsonNode map, String field, boolean base64, List<Value> values) {
    for (Map.Entry<String, JsonNode> entry : map.properties()) {
      String value = entry.getValue().isValueNode() ? entry.getValue().asText() : "";
      if (!value.isBlank()) {
        values.add(
            new Value(
                field + "." + entry.getKey(), entry.getKey(), base64 ? decode(value) : value));
      }
    }
  }

  private static String decode(String value) {
    try {
      return new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null; // not base64: the API server would reject it, but the value is still in the file
    }
  }
}
