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
import dev.kube4c.secrets.CredentialDetector;
import dev.kube4c.secrets.Detection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A credential written into the pod spec is in every copy of the manifest, in Git and in the API.
 */
public final class SecretLiteralInEnv extends ContainerRule {

  private static final Pattern FLAG =
      Pattern.compile("--?([A-Za-z][A-Za-z0-9_.\\-]*)=(.+)", Pattern.DOTALL);

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("secret-literal-in-env")
          .title("Credential written literally in env or command")
          .area(Area.SECRETS)
          .severity(Severity.HIGH)
          .rationale(
              "A password, key or token in an env value or a command argument is stored in the manifest, in version control, in the API object (readable by anyone who can get the workload) and in process listings.")
          .remediation(
              "Move the value into a Secret (or an external secret store through a CSI driver) and mount it as a file; rotate the exposed credential.")
          .references(
              "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
              "https://kubernetes.io/docs/concepts/configuration/secret/")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Secrets: do not store credentials in pod specs")
                  .withMitre("T1552.001")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .build();

  private final CredentialDetector detector = new CredentialDetector();

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
      JsonNode value = env.get(i).path("value");
      if (value.isValueNode() && !value.asText().isEmpty()) {
        String path = container.path() + ".env[" + i + "].value";
        detector
            .inKeyValue(env.get(i).path("name").asText(), value.asText())
            .ifPresent(d -> found.add(path + " " + d.describe()));
      }
    }
    for (String field : List.of("command", "args")) {
      JsonNode list = container.node().path(field);
      for (int i = 0; list.isArray() && i < list.size(); i++) {
        String path = container.path() + "." + field + "[" + i + "]";
        String previous = i > 0 ? list.get(i - 1).asText() : "";
        argument(previous, list.get(i).asText()).forEach(d -> found.add(path + " " + d.describe()));
      }
    }
    if (!found.isEmpty()) {
      sink.report(workload.resource(), container, String.join("; ", found));
    }
  }

  /** --flag=value, "--flag value", or a script line with KEY=value assignments. */
  private List<Detection> argument(String previous, String token) {
    Matcher flag = FLAG.matcher(token);
    if (flag.matches() && !token.contains("\n")) {
      return detector.inKeyValue(flag.group(1), flag.group(2)).stream().toList();
    }
    if (previous.startsWith("-") && !previous.contains("=") && !token.startsWith("-")) {
      List<Detection> afterFlag =
          detector.inKeyValue(withoutLeadingDashes(previous), token).stream().toList();
      if (!afterFlag.isEmpty()) {
        return afterFlag;
      }
    }
    return detector.inText(null, token);
  }

  private static String withoutLeadingDashes(String flag) {
    int start = 0;
    while (start < flag.length() && flag.charAt(start) == '-') {
      start++;
    }
    return flag.substring(start);
  }
}
