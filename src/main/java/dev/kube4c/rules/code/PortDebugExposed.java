package dev.kube4c.rules.code;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Container;
import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.Workload;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Debuggers and admin APIs execute code for whoever connects; they must never be reachable. */
public final class PortDebugExposed implements Rule {

  /** Well-known debug and admin ports, with what usually listens there. */
  static final Map<Integer, String> DEBUG_PORTS =
      Map.ofEntries(
          Map.entry(5005, "Java debugger (JDWP)"),
          Map.entry(1099, "Java RMI/JMX registry"),
          Map.entry(9229, "Node.js inspector"),
          Map.entry(5858, "Node.js legacy debugger"),
          Map.entry(6060, "Go pprof"),
          Map.entry(2345, "Go Delve debugger"),
          Map.entry(5678, "Python debugpy"),
          Map.entry(2375, "Docker API (plain)"),
          Map.entry(2376, "Docker API"),
          Map.entry(10250, "kubelet API"),
          Map.entry(10255, "kubelet read-only API"),
          Map.entry(8888, "Jupyter"),
          Map.entry(15000, "Envoy admin"),
          Map.entry(9901, "Envoy admin"));

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("port-debug-exposed")
          .title("Debug or admin port exposed")
          .area(Area.EXPOSED_PORTS)
          .severity(Severity.HIGH)
          .rationale(
              "Debuggers (JDWP, Node inspector, Delve), profilers (pprof) and admin APIs (Docker, kubelet, Envoy admin, Jupyter) let whoever connects read memory or run code; declaring them as container or Service ports makes them reachable from the cluster and often beyond.")
          .remediation(
              "Remove the debug port from the container and Service; debug through kubectl port-forward to a dedicated debug build instead.")
          .references("https://owasp.org/Top10/A05_2021-Security_Misconfiguration/")
          .frameworks(
              Frameworks.NONE
                  .withNsa("Network separation and hardening")
                  .withMitre("T1133", "T1210")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .readsAtAdmission("Service")
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  public void check(RuleContext context, FindingSink sink) {
    for (Workload workload : context.inventory().workloads()) {
      for (Container container : workload.containers()) {
        JsonNode ports = container.node().path("ports");
        List<String> found = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
          describe(
              ports.path(i).path("containerPort"),
              container.path() + ".ports[" + i + "].containerPort",
              found);
        }
        if (!found.isEmpty()) {
          sink.report(workload.resource(), container, String.join("; ", found));
        }
      }
    }
    for (Resource service : context.inventory().ofKind("Service")) {
      JsonNode ports = service.spec().path("ports");
      List<String> found = new ArrayList<>();
      for (int i = 0; i < ports.size(); i++) {
        describe(ports.path(i).path("port"), "spec.ports[" + i + "].port", found);
      }
      if (!found.isEmpty()) {
        sink.report(service, String.join("; ", found));
      }
    }
  }

  private static void describe(JsonNode port, String path, List<String> found) {
    if (port.canConvertToInt() && DEBUG_PORTS.containsKey(port.asInt())) {
      found.add(path + " is " + port.asInt() + " (" + DEBUG_PORTS.get(port.asInt()) + ")");
    }
  }
}
