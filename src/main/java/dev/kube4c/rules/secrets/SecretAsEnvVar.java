package dev.kube4c.rules.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Container;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.ContainerRule;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Environment variables leak: crash dumps, debug endpoints, child processes and logs all see them.
 */
public final class SecretAsEnvVar extends ContainerRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("secret-as-env-var")
          .title("Secret exposed as environment variables")
          .area(Area.SECRETS)
          .severity(Severity.LOW)
          .rationale(
              "Secrets in environment variables are inherited by every child process, shown by debug and diagnostics endpoints, written to crash reports and logs, and never updated when the Secret rotates; files from a secret volume avoid all of that.")
          .remediation(
              "Mount the Secret as a volume (or use a CSI secret store) and read the file from the application.")
          .references(
              "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
              "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.4.1")
                  .withNsa("Secrets: prefer files to environment variables")
                  .withMitre("T1552.007")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(
      Workload workload, Container container, RuleContext context, FindingSink sink) {
    List<String> found = new ArrayList<>();
    JsonNode env = container.node().path("env");
    for (int i = 0; env.isArray() && i < env.size(); i++) {
      JsonNode ref = env.get(i).path("valueFrom").path("secretKeyRef");
      if (ref.isObject()) {
        found.add(
            container.path()
                + ".env["
                + i
                + "] "
                + env.get(i).path("name").asText()
                + " from Secret "
                + ref.path("name").asText("?")
                + " key "
                + ref.path("key").asText("?"));
      }
    }
    JsonNode envFrom = container.node().path("envFrom");
    for (int i = 0; envFrom.isArray() && i < envFrom.size(); i++) {
      JsonNode ref = envFrom.get(i).path("secretRef");
      if (ref.isObject()) {
        found.add(
            container.path()
                + ".envFrom["
                + i
                + "] all keys of Secret "
                + ref.path("name").asText("?"));
      }
    }
    if (!found.isEmpty()) {
      sink.report(workload.resource(), container, String.join("; ", found));
    }
  }
}
