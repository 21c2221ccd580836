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
import java.util.Map;

/**
 * A Secret with its data in the scanned files: base64 is an encoding, so the values are in
 * version control in the clear. Secrets whose values are all empty (to be filled in by a
 * controller or at deploy time), and templates whose name is still a ${placeholder}, are not reported.
 */
public final class SecretManifestPlaintext extends ResourceRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("secret-manifest-plaintext")
          .title("Secret values checked into manifests")
          .area(Area.SECRETS)
          .severity(Severity.MEDIUM)
          .rationale("Secret data in a manifest is only base64-encoded: everyone with access to the repository, its history and its CI logs has the values, and they cannot be rotated without a commit.")
          .remediation("Keep only encrypted or referenced secrets in Git: Sealed Secrets, SOPS, External Secrets Operator or a Secrets Store CSI driver backed by a cloud secret manager.")
          .references("https://kubernetes.io/docs/concepts/security/secrets-good-practices/", "https://secrets-store-csi-driver.sigs.k8s.io/")
          .frameworks(Frameworks.NONE.withCis("5.4.2").withNsa("Secrets: use an external secret store").withMitre("T1552.001").withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .build();

  private final CredentialDetector detector = new CredentialDetector();

  public SecretManifestPlaintext() {
    super("Secret");
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Resource resource, RuleContext context, FindingSink sink) {
    List<String> keys = new ArrayList<>();
    List<String> credentials = new ArrayList<>();
    boolean templated = resource.name().contains("${") || resource.name().contains("{{");
    collect(resource.object().path("data"), "data", true, keys, credentials);
    collect(resource.object().path("stringData"), "stringData", false, keys, credentials);
    if (keys.isEmpty() || templated) {
      return;
    }
    String message = "Secret " + resource.name() + " (type " + resource.object().path("type").asText("Opaque") + ") has values for "
        + String.join(", ", keys) + " in the scanned files (values not shown)";
    if (!credentials.isEmpty()) {
      message += "; " + String.join("; ", credentials);
    }
    sink.report(resource, message);
  }

  private void collect(JsonNode map, String field, boolean base64, List<String> keys, List<String> credentials) {
    for (Map.Entry<String, JsonNode> entry : map.properties()) {
      String value = entry.getValue().isValueNode() ? entry.getValue().asText() : "";
      if (value.isBlank()) {
        continue;
      }
      keys.add(field + "." + entry.getKey());
      String plain = base64 ? decode(value) : value;
      if (plain != null) {
        List<Detection> found = plain.contains("\n") ? detector.inText(null, plain) : detector.inKeyValue(entry.getKey(), plain).stream().toList();
        if (!found.isEmpty()) {
          credentials.add(field + "." + entry.getKey() + " holds a " + found.get(0).kind());
        }
      }
    }
  }

  private static String decode(String value) {
    try {
      return new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null; // not base64: the API server would reject it, nothing more to say here
    }
  }
}
