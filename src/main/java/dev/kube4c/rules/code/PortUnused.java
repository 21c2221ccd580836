package dev.kube4c.rules.code;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Container;
import dev.kube4c.inventory.Labels;
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
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ports nobody uses: a containerPort that no selecting Service targets (by number or name), and a
 * Service port whose targetPort no selected container declares. Judged only where the input shows
 * both sides (a workload some Service selects; a Service that selects some workload), because a
 * partial input says nothing about the rest of the cluster.
 */
public final class PortUnused implements Rule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("port-unused")
          .title("Port declared but not used")
          .area(Area.EXPOSED_PORTS)
          .severity(Severity.INFO)
          .rationale(
              "Every open port is attack surface: a containerPort that no Service routes to is often a forgotten admin, debug or metrics listener, and a Service targetPort that no container declares points at nothing (a named port then gets no endpoints) or at a listener nobody documented.")
          .remediation(
              "Remove the listener or its containerPort if nothing needs it, or add it to the Service that should expose it; make Service targetPorts match a declared containerPort (prefer named ports).")
          .references(
              "https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service")
          .frameworks(
              Frameworks.NONE
                  .withMitre("T1046")
                  .withCks(Frameworks.Cks.MICROSERVICE_VULNERABILITIES))
          .notAtAdmission()
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  /** A Service with its selector parsed once. */
  private record Selecting(Resource service, Map<String, String> selector) {}

  @Override
  public void check(RuleContext context, FindingSink sink) {
    // Services by namespace and by one label of their selector (its first): a workload can only
    // be selected by a Service whose every selector label it carries, so it looks at those its
    // own labels name instead of every Service of its namespace (thousands in a large one).
    Map<String, Map<String, List<Selecting>>> byNamespace = new HashMap<>();
    for (Resource service : context.inventory().ofKind("Service")) {
      Map<String, String> selector = Labels.of(service.spec().path("selector"));
      if (!selector.isEmpty()) {
        Map.Entry<String, String> first = selector.entrySet().iterator().next();
        byNamespace
            .computeIfAbsent(service.effectiveNamespace(), k -> new HashMap<>())
            .computeIfAbsent(first.getKey() + "=" + first.getValue(), k -> new ArrayList<>())
            .add(new Selecting(service, selector));
      }
    }
    Map<Resource, List<Workload>> selected = new IdentityHashMap<>();
    for (Workload workload : context.inventory().workloads()) {
      Map<String, List<Selecting>> byLabel =
          byNamespace.getOrDefault(workload.namespace(), Map.of());
      List<Resource> services = new ArrayList<>();
      for (Map.Entry<String, String> label : workload.podLabels().entrySet()) {
        for (Selecting s :
            byLabel.getOrDefault(label.getKey() + "=" + label.getValue(), List.of())) {
          if (Labels.mapSelects(s.selector(), workload.podLabels())) {
            services.add(s.service());
            selected.computeIfAbsent(s.service(), k -> new ArrayList<>()).add(workload);
          }
        }
      }
      if (!services.isEmpty()) {
        checkWorkload(workload, services, sink);
      }
    }
    for (Resource service : context.inventory().ofKind("Service")) {
      List<Workload> workloads = selected.get(service);
      if (workloads != null) {
        checkService(service, workloads, sink);
      }
    }
  }

  private static void checkWorkload(Workload workload, List<Resource> services, FindingSink sink) {
    for (Container container : serving(workload)) {
      List<String> unused = new ArrayList<>();
      int i = 0;
      for (JsonNode port : container.node().path("ports")) {
        int number = port.path("containerPort").asInt(-1);
        String name = port.path("name").asText("");
        if (!targeted(services, number, name)) {
          unused.add(
              container.path()
                  + ".ports["
                  + i
                  + "].containerPort "
                  + number
                  + (name.isEmpty() ? "" : " (" + name + ")"));
        }
        i++;
      }
      if (!unused.isEmpty()) {
        sink.report(
            workload.resource(),
            container,
            String.join(", ", unused)
                + (unused.size() == 1 ? " is" : " are")
                + " targeted by no Service selecting this workload");
      }
    }
  }

  private static void checkService(Resource service, List<Workload> selected, FindingSink sink) {
    List<String> dangling = new ArrayList<>();
    int i = 0;
    for (JsonNode port : service.spec().path("ports")) {
      JsonNode target = port.path("targetPort");
      boolean defaulted = target.isMissingNode() || target.isNull();
      if (!declared(selected, defaulted ? port.path("port") : target)) {
        dangling.add(
            "spec.ports["
                + i
                + "].targetPort "
                + (defaulted ? port.path("port").asText() : target.asText()));
      }
      i++;
    }
    if (!dangling.isEmpty()) {
      sink.report(
          service,
          String.join(", ", dangling)
              + (dangling.size() == 1 ? " is" : " are")
              + " declared by no container of the selected workloads");
    }
  }

  /** Regular containers and restartable init containers (native sidecars): the ones that serve. */
  private static List<Container> serving(Workload workload) {
    return workload.containers().stream()
        .filter(
            c ->
                c.type() == Container.Type.CONTAINER
                    || c.type() == Container.Type.INIT
                        && c.node().path("restartPolicy").asText().equals("Always"))
        .toList();
  }

  private static boolean targeted(List<Resource> services, int number, String name) {
    for (Resource service : services) {
      for (JsonNode port : service.spec().path("ports")) {
        JsonNode target = port.path("targetPort");
        if (target.isMissingNode() || target.isNull()) {
          target = port.path("port");
        }
        if (target.isTextual() && !target.asText().matches("\\d+")
            ? target.asText().equals(name)
            : target.asInt(-2) == number) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean declared(List<Workload> workloads, JsonNode target) {
    boolean byName = target.isTextual() && !target.asText().matches("\\d+");
    for (Workload workload : workloads) {
      for (Container container : serving(workload)) {
        for (JsonNode port : container.node().path("ports")) {
          if (byName
              ? port.path("name").asText("").equals(target.asText())
              : port.path("containerPort").asInt(-1) == target.asInt(-2)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
