package dev.kube4c.rules.container;

import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.rules.WorkloadRule;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Pods in namespaces the config marks untrusted ({@code untrustedNamespaces} globs) must run under
 * a sandboxed runtime: a RuntimeClass whose handler is in {@code sandboxedRuntimeHandlers} (gVisor
 * runsc, Kata by default). A RuntimeClass missing from the input is judged by its name.
 */
public final class RuntimeClassSandboxMissing extends WorkloadRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("runtime-class-sandbox-missing")
          .title("Untrusted workload without a sandboxed runtime")
          .area(Area.RUNTIME_ISOLATION)
          .severity(Severity.MEDIUM)
          .rationale(
              "Containers share the node's kernel, so one kernel exploit from tenant or untrusted code reaches every pod on the node. Sandboxed runtimes (gVisor's runsc, Kata Containers' lightweight VMs) put a second kernel boundary around such pods. Active when untrustedNamespaces is configured.")
          .remediation(
              "Install a sandboxed runtime on a node pool, create a RuntimeClass for its handler (runsc or kata), and set spec.runtimeClassName on the pods of untrusted namespaces; list custom handler names in sandboxedRuntimeHandlers.")
          .references(
              "https://kubernetes.io/docs/concepts/containers/runtime-class/",
              "https://gvisor.dev/docs/user_guide/containerd/quick_start/")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Pod security: hardening container environments")
                  .withMitre("T1611")
                  .withCks(Frameworks.Cks.SYSTEM_HARDENING))
          .readsAtAdmission("RuntimeClass")
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  public boolean isActive(RuleContext context) {
    return !context.config().untrustedNamespaces().isEmpty();
  }

  @Override
  protected void check(Workload workload, RuleContext context, FindingSink sink) {
    String namespace = workload.namespace();
    Optional<String> pattern =
        context.config().untrustedNamespaces().stream()
            .filter(g -> matches(g, namespace))
            .findFirst();
    if (pattern.isEmpty()) {
      return;
    }
    List<String> sandboxed = context.config().sandboxedRuntimeHandlers();
    String className = workload.podSpec().path("runtimeClassName").asText("");
    String where =
        "namespace " + namespace + " is untrusted (untrustedNamespaces " + pattern.get() + ") and ";
    if (className.isEmpty()) {
      sink.report(workload.resource(), where + workload.path("runtimeClassName") + " is not set");
      return;
    }
    Optional<Resource> runtimeClass =
        context.inventory().clusterWide().find("RuntimeClass", null, className);
    if (runtimeClass.isPresent()) {
      String handler = runtimeClass.get().object().path("handler").asText("");
      if (!sandboxed.contains(handler)) {
        sink.report(
            workload.resource(),
            where
                + workload.path("runtimeClassName")
                + " "
                + className
                + " has handler '"
                + handler
                + "', not a sandboxed one "
                + sandboxed);
      }
    } else if (!sandboxed.contains(className)) {
      sink.report(
          workload.resource(),
          where
              + workload.path("runtimeClassName")
              + " "
              + className
              + " is not in the input and its name is not a sandboxed handler "
              + sandboxed);
    }
  }

  /** Namespace globs: {@code *} matches any run of characters. */
  static boolean matches(String glob, String namespace) {
    String[] parts = glob.split("\\*", -1);
    StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
    for (int i = 1; i < parts.length; i++) {
      regex.append(".*").append(Pattern.quote(parts[i]));
    }
    return namespace != null && Pattern.matches(regex.toString(), namespace);
  }
}
