package dev.kube4c.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kube4c.config.Config;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.RequestAttributes;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.source.Document;
import dev.kube4c.source.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Per-request cost of policy rules at admission, in process: each request is one object in an
 * inventory of its own with its RequestAttributes (CREATE), and every policy rule runs on it, as
 * {@code kube4c serve} would run them. Not a test; bench/cel/admission.sh runs it.
 *
 * <p>Arguments: POLICY_DIR OBJECTS_DIR [REQUESTS]
 */
public final class AdmissionCostBench {

  private AdmissionCostBench() {}

  public static void main(String[] args) throws Exception {
    PolicyRules.Loaded loaded = PolicyRules.load(List.of(args[0]), System.in);
    if (!loaded.problems().isEmpty()) {
      throw new IllegalStateException("policy problems: " + loaded.problems());
    }
    List<Rule> rules = loaded.rules();
    List<Resource> objects = objects(Path.of(args[1]));
    int requests = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    long policies =
        rules.stream().map(r -> r.metadata().id().replaceFirst("/.*", "")).distinct().count();
    System.out.printf(
        "%d policies, %d rules, %d distinct objects%n", policies, rules.size(), objects.size());
    run(rules, objects, requests, new long[requests]); // warm-up
    long[] cpu = new long[requests];
    long[] nanos = run(rules, objects, requests, cpu);
    // Wall time includes being preempted by the other jobs on a shared machine; the thread's CPU
    // time is what the evaluation itself costs.
    print("wall", nanos);
    print("cpu ", cpu);
  }

  private static void print(String what, long[] nanos) {
    int n = nanos.length;
    Arrays.sort(nanos);
    System.out.printf(
        "%s requests=%d p50=%.1fus p90=%.1fus p99=%.1fus max=%.1fus%n",
        what,
        n,
        nanos[n / 2] / 1e3,
        nanos[n * 9 / 10] / 1e3,
        nanos[n * 99 / 100] / 1e3,
        nanos[n - 1] / 1e3);
  }

  private static long[] run(List<Rule> rules, List<Resource> objects, int requests, long[] cpu) {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long[] nanos = new long[requests];
    long findings = 0;
    for (int i = 0; i < requests; i++) {
      Resource object = objects.get(i % objects.size());
      long start = System.nanoTime();
      long startCpu = threads.getCurrentThreadCpuTime();
      Inventory inventory = Inventory.ofResources(List.of(object), List.of());
      RequestAttributes request =
          new RequestAttributes(
              "CREATE",
              null,
              group(object),
              version(object),
              Request.plural(object.kind()),
              object.kind(),
              object.effectiveNamespace(),
              object.name(),
              "system:serviceaccount:ci:deployer",
              null,
              List.of("system:authenticated"),
              Map.of(),
              false,
              null);
      RuleContext context =
          new RuleContext(inventory, Config.DEFAULT, LocalDate.now(), null, request);
      long[] count = {0};
      for (Rule rule : rules) {
        rule.check(context, (ref, location, message, severity) -> count[0]++);
      }
      nanos[i] = System.nanoTime() - start;
      cpu[i] = threads.getCurrentThreadCpuTime() - startCpu;
      findings += count[0];
    }
    if (findings < 0) {
      throw new IllegalStateException(); // keeps the work observable
    }
    return nanos;
  }

  private static String group(Resource r) {
    int slash = r.apiVersion().indexOf('/');
    return slash < 0 ? "" : r.apiVersion().substring(0, slash);
  }

  private static String version(Resource r) {
    int slash = r.apiVersion().indexOf('/');
    return slash < 0 ? r.apiVersion() : r.apiVersion().substring(slash + 1);
  }

  private static List<Resource> objects(Path dir) throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    List<Document> documents = new ArrayList<>();
    try (var files = Files.walk(dir)) {
      for (Path file :
          files
              .filter(f -> f.getFileName().toString().equals("resources.yaml"))
              .sorted()
              .toList()) {
        for (JsonNode doc :
            yaml.readValues(yaml.createParser(file.toFile()), JsonNode.class).readAll()) {
          documents.add(new Document((ObjectNode) doc, new Location(file.toString(), 1, 1)));
        }
      }
    }
    return Inventory.of(documents, List.of()).resources();
  }
}
