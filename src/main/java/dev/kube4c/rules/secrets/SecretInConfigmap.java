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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ConfigMaps are not treated as secret: broader read access, no encryption at rest, printed freely.
 */
public final class SecretInConfigmap extends ResourceRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("secret-in-configmap")
          .title("Credential stored in a ConfigMap")
          .area(Area.SECRETS)
          .severity(Severity.HIGH)
          .rationale(
              "ConfigMaps are readable by roles that may not read Secrets (view includes them), are not encrypted at rest by secret encryption providers, and are printed by kubectl and logged by tools; a credential there is exposed.")
          .remediation(
              "Move the credential into a Secret or an external secret store, reference it from the application, and rotate it.")
          .references(
              "https://kubernetes.io/docs/concepts/configuration/configmap/",
              "https://kubernetes.io/docs/concepts/security/secrets-good-practices/")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Secrets: do not store credentials in ConfigMaps")
                  .withMitre("T1552.001")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .build();

  private final CredentialDetector detector = new CredentialDetector();

  public SecretInConfigmap() {
    super("ConfigMap");
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(Resource resource, RuleContext context, FindingSink sink) {
    List<String> found = new ArrayList<>();
    JsonNode data = resource.object().path("data");
    for (Map.Entry<String, JsonNode> entry : data.properties()) {
      if (!entry.getValue().isValueNode()) {
        continue;
      }
      String key = entry.getKey();
      String value = entry.getValue().asText();
      String path = "data." + key;
      if (value.contains("\n") || value.length() > 256) {
        detector.inText(null, value).forEach(d -> found.add(path + " " + d.describe()));
      } else {
        detector
            .inKeyValue(key, value)
            .ifPresent(d -> found.add(path + " " + d.kind() + " " + d.redacted()));
      }
    }
    if (!found.isEmpty()) {
      sink.report(resource, String.join("; ", found));
    }
  }
}
