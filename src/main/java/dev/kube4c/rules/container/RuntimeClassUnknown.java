package dev.kube4c.rules.container;

import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.rules.WorkloadRule;

/**
 * A runtimeClassName that names no RuntimeClass of the input; only judged when the input has
 * RuntimeClasses.
 */
public final class RuntimeClassUnknown extends WorkloadRule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("runtime-class-unknown")
          .title("runtimeClassName names an unknown RuntimeClass")
          .area(Area.RUNTIME_ISOLATION)
          .severity(Severity.LOW)
          .rationale(
              "A pod whose runtimeClassName names no RuntimeClass is rejected at admission, and a typo here usually means the intended sandbox is not applied after someone 'fixes' the name. The rule runs only when the scanned input contains RuntimeClass objects, so that partial inputs do not produce noise.")
          .remediation(
              "Correct spec.runtimeClassName to one of the RuntimeClasses of the cluster, or add the missing RuntimeClass (node.k8s.io/v1) with its handler.")
          .references("https://kubernetes.io/docs/concepts/containers/runtime-class/")
          .frameworks(Frameworks.NONE.withCks(Frameworks.Cks.SYSTEM_HARDENING))
          .readsAtAdmission("RuntimeClass")
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  public boolean isActive(RuleContext context) {
    return context.inventory().clusterWide().hasKind("RuntimeClass");
  }

  @Override
  protected void check(Workload workload, RuleContext context, FindingSink sink) {
    String className = workload.podSpec().path("runtimeClassName").asText("");
    if (!className.isEmpty()
        && context.inventory().clusterWide().find("RuntimeClass", null, className).isEmpty()) {
      sink.report(
          workload.resource(),
          workload.path("runtimeClassName")
              + " "
              + className
              + " names no RuntimeClass of the input");
    }
  }
}
