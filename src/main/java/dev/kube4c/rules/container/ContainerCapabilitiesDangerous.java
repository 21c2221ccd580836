package dev.kube4c.rules.container;

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
import java.util.Locale;
import java.util.Set;

/**
 * Some capabilities are each enough to break out of the container or take over the node's network.
 */
public final class ContainerCapabilitiesDangerous extends ContainerRule {

  /** Capabilities that allow escape, kernel tampering, sniffing or reading any file. */
  static final Set<String> DANGEROUS =
      Set.of(
          "ALL",
          "SYS_ADMIN",
          "NET_ADMIN",
          "SYS_PTRACE",
          "SYS_MODULE",
          "NET_RAW",
          "DAC_READ_SEARCH",
          "DAC_OVERRIDE",
          "SYS_RAWIO",
          "SYS_BOOT",
          "SYS_TIME",
          "BPF",
          "PERFMON",
          "MAC_ADMIN",
          "MAC_OVERRIDE",
          "SYSLOG",
          "NET_BROADCAST",
          "SETFCAP",
          "LINUX_IMMUTABLE",
          "SYS_CHROOT",
          "CHECKPOINT_RESTORE");

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("container-capabilities-dangerous")
          .title("Container adds dangerous capabilities")
          .area(Area.LEAST_PRIVILEGE)
          .severity(Severity.HIGH)
          .rationale(
              "Capabilities such as SYS_ADMIN, SYS_PTRACE, SYS_MODULE or NET_ADMIN give a container powers over the kernel, other processes or the node's network that are enough to escape or to intercept traffic.")
          .remediation(
              "Remove the capability from securityContext.capabilities.add; if a narrow one is really needed, drop ALL and add only that one.")
          .references(
              "https://man7.org/linux/man-pages/man7/capabilities.7.html",
              "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline")
          .frameworks(
              Frameworks.NONE
                  .withCis("5.2.8", "5.2.9")
                  .withNsa("Pod security: non-root containers")
                  .withMitre("T1611")
                  .withPss("Capabilities")
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
    for (JsonNode capability : container.securityContext().path("capabilities").path("add")) {
      String name = normalize(capability.asText());
      if (DANGEROUS.contains(name)) {
        found.add(name);
      }
    }
    if (!found.isEmpty()) {
      sink.report(
          workload.resource(),
          container,
          container.path()
              + ".securityContext.capabilities.add includes "
              + String.join(", ", found));
    }
  }

  static String normalize(String capability) {
    String upper = capability.trim().toUpperCase(Locale.ROOT);
    return upper.startsWith("CAP_") ? upper.substring(4) : upper;
  }
}
