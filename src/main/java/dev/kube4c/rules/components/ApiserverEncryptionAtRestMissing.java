package dev.kube4c.rules.components;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.components.Component;
import dev.kube4c.components.ComponentConfig;
import dev.kube4c.components.Components;
import dev.kube4c.components.FlagValue;
import dev.kube4c.inventory.JsonLists;
import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CIS 1.2.30, 1.2.31: secrets not encrypted at rest. When the EncryptionConfiguration that
 * --encryption-provider-config names is part of the input, its first provider for secrets is
 * checked too.
 */
public final class ApiserverEncryptionAtRestMissing extends ComponentRule {

  private static final Set<String> ENCRYPTING = Set.of("kms", "aescbc", "aesgcm", "secretbox");

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("apiserver-encryption-at-rest-missing")
          .title("Secrets not encrypted at rest in etcd")
          .area(Area.SECRETS)
          .severity(Severity.HIGH)
          .rationale(
              "Without an encryption provider configuration, or with identity as the first provider for secrets, Secrets are written to etcd and its backups in plain text; anyone with a snapshot reads them all.")
          .remediation(
              "Pass --encryption-provider-config with an EncryptionConfiguration whose first provider for secrets is kms (v2), aescbc, aesgcm or secretbox.")
          .references(
              "https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/",
              "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/")
          .frameworks(
              Frameworks.NONE
                  .withCis("1.2.30", "1.2.31")
                  .withNsa("Secrets encryption")
                  .withMitre("T1552")
                  .withCks(Frameworks.Cks.CLUSTER_HARDENING))
          .build();

  public ApiserverEncryptionAtRestMissing() {
    super(Component.APISERVER);
  }

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void check(ComponentConfig config, RuleContext context, List<String> problems) {
    Optional<FlagValue> flag = config.flag("encryption-provider-config");
    if (flag.isEmpty()) {
      problems.add(config.missing("encryption-provider-config"));
      return;
    }
    Optional<Resource> file = Components.encryptionConfig(context.inventory(), flag.get().value());
    if (file.isEmpty()) {
      return; // the named file is not in the input: only the flag can be judged
    }
    JsonNode resources = JsonLists.of(file.get().object().path("resources"));
    for (int i = 0; i < resources.size(); i++) {
      JsonNode entry = resources.get(i);
      if (!coversSecrets(entry.path("resources"))) {
        continue;
      }
      JsonNode first = entry.path("providers").path(0);
      String provider = first.fieldNames().hasNext() ? first.fieldNames().next() : "";
      if (!ENCRYPTING.contains(provider)) {
        problems.add(
            file.get().location().file()
                + ": resources["
                + i
                + "].providers[0] is "
                + (provider.isEmpty() ? "missing" : provider)
                + ", so secrets are stored unencrypted");
      }
      return; // the first entry that covers secrets decides
    }
    problems.add(file.get().location().file() + " has no resources entry for secrets");
  }

  private static boolean coversSecrets(JsonNode names) {
    for (JsonNode name : names) {
      String text = name.asText();
      if (text.equals("secrets") || text.equals("*.*") || text.equals("*.")) {
        return true;
      }
    }
    return false;
  }
}
