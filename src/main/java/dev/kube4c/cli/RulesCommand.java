package dev.kube4c.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Layer;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.rules.RuleMetadata;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kube4c rules}: the catalogue with metadata and framework mappings. */
@Command(
    name = "rules",
    description = "List the rule catalogue with metadata and framework mappings.")
final class RulesCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-f", "--format"},
      description = "text or json (default: ${DEFAULT-VALUE})",
      defaultValue = "text")
  String format;

  @Option(
      names = "--layer",
      split = ",",
      description = "only these layers: cloud, cluster, container, code")
  List<String> layers;

  @Option(
      names = "--policy",
      split = ",",
      paramLabel = "PATH",
      description = "Also list the rules of these ValidatingAdmissionPolicy files or folders.")
  List<String> policies = new java.util.ArrayList<>();

  @Override
  public Integer call() throws Exception {
    List<Layer> wanted;
    try {
      wanted =
          layers == null ? List.of(Layer.values()) : layers.stream().map(Layer::parse).toList();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--layer must be cloud, cluster, container or code");
    }
    dev.kube4c.policy.PolicyRules.Loaded custom =
        PolicyInputs.load(policies, dev.kube4c.config.Config.DEFAULT);
    custom.problems().forEach(p -> spec.commandLine().getErr().println("error: " + p));
    spec.commandLine().getErr().flush();
    List<RuleMetadata> rules =
        RuleCatalogue.builtIn().with(custom.rules()).all().stream()
            .map(Rule::metadata)
            .filter(m -> wanted.contains(m.layer()))
            .toList();
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case "json" ->
          out.println(
              new ObjectMapper()
                  .enable(SerializationFeature.INDENT_OUTPUT)
                  .writeValueAsString(toJson(rules)));
      case "text" ->
          rules.forEach(
              m ->
                  out.printf(
                      "%-44s %-9s %-8s %-18s %s%n",
                      m.id(), m.layer().id(), m.severity().id(), m.area().id(), m.title()));
      default ->
          throw new CommandLine.ParameterException(
              spec.commandLine(), "--format must be text or json");
    }
    out.flush();
    return custom.problems().isEmpty() ? Main.EXIT_OK : Main.EXIT_ERROR;
  }

  static ArrayNode toJson(List<RuleMetadata> rules) {
    ArrayNode array = new ObjectMapper().createArrayNode();
    for (RuleMetadata m : rules) {
      ObjectNode node = array.addObject();
      node.put("id", m.id())
          .put("title", m.title())
          .put("layer", m.layer().id())
          .put("area", m.area().id());
      node.put("severity", m.severity().id())
          .put("rationale", m.rationale())
          .put("remediation", m.remediation());
      m.references().forEach(node.putArray("references")::add);
      Frameworks f = m.frameworks();
      ObjectNode fw = node.putObject("frameworks");
      f.cis().forEach(fw.putArray("cis")::add);
      f.nsa().forEach(fw.putArray("nsa")::add);
      f.mitre().forEach(fw.putArray("mitre")::add);
      if (f.pss() != null) {
        fw.put("pss", f.pss());
      }
      if (f.cks() != null) {
        fw.put("cks", f.cks());
      }
    }
    return array;
  }
}
