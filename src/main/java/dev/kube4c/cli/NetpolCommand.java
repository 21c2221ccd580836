package dev.kube4c.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Workload;
import dev.kube4c.netpol.NetworkPolicyModel;
import dev.kube4c.netpol.Reachability;
import dev.kube4c.source.SourceLoader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kube4c netpol PATH...}: the workload-to-workload (and internet) connections
 * NetworkPolicies allow.
 */
@Command(
    name = "netpol",
    description = {
      "Print which workloads may connect to which (and to and from the internet), on which ports, under the",
      "NetworkPolicies of the input. Only allowed connections are listed; an absent pair is denied."
    })
final class NetpolCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description = "Files or folders with workloads, Namespaces and NetworkPolicies.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = {"-f", "--format"},
      defaultValue = "text",
      description = "text, json or dot (default: ${DEFAULT-VALUE})")
  String format;

  @Override
  public Integer call() throws Exception {
    if (!List.of("text", "json", "dot").contains(format)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--format must be text, json or dot");
    }
    SourceLoader.Loaded loaded = new SourceLoader(System.in).load(paths);
    Inventory inventory = Inventory.of(loaded.documents(), loaded.problems());
    List<Reachability.Connection> connections =
        new Reachability(new NetworkPolicyModel(inventory)).connections();
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case "json" ->
          out.println(
              new ObjectMapper()
                  .enable(SerializationFeature.INDENT_OUTPUT)
                  .writeValueAsString(json(inventory, connections)));
      case "dot" -> dot(connections, inventory, out);
      default ->
          connections.forEach(
              c ->
                  out.println(
                      c.from()
                          + " -> "
                          + c.to()
                          + "  "
                          + ports(c.ports())
                          + (c.via().isEmpty() ? "" : "  via " + String.join(", ", c.via()))));
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    loaded.problems().forEach(p -> err.println("error: " + p));
    err.flush();
    return loaded.problems().isEmpty() ? Main.EXIT_OK : Main.EXIT_ERROR;
  }

  static ObjectNode json(Inventory inventory, List<Reachability.Connection> connections) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode().put("schemaVersion", 1);
    ArrayNode workloads = root.putArray("workloads");
    for (Workload workload : inventory.workloads()) {
      workloads.add(workload.resource().qualifiedName());
    }
    ArrayNode list = root.putArray("connections");
    for (Reachability.Connection c : connections) {
      ObjectNode node = list.addObject().put("from", c.from()).put("to", c.to());
      ArrayNode ports = node.putArray("ports");
      if (c.ports() == null) {
        ports.add("all");
      } else {
        c.ports().forEach(ports::add);
      }
      if (!c.via().isEmpty()) {
        c.via().forEach(node.putArray("via")::add);
      }
    }
    return root;
  }

  private static void dot(
      List<Reachability.Connection> connections, Inventory inventory, PrintWriter out) {
    out.println("digraph netpol {");
    out.println("  rankdir=LR; node [shape=box];");
    out.println("  \"internet\" [shape=ellipse];");
    inventory
        .workloads()
        .forEach(w -> out.println("  " + quote(w.resource().qualifiedName()) + ";"));
    for (Reachability.Connection c : connections) {
      out.println(
          "  "
              + quote(c.from())
              + " -> "
              + quote(c.to())
              + " [label="
              + quote(ports(c.ports()))
              + "];");
    }
    out.println("}");
  }

  private static String ports(Set<String> ports) {
    return ports == null ? "all" : String.join(",", ports);
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
