package dev.kube4c.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.rbac.Access;
import dev.kube4c.rbac.ApiResources;
import dev.kube4c.rbac.Grant;
import dev.kube4c.rbac.RbacModel;
import dev.kube4c.rbac.WhoCan;
import dev.kube4c.source.SourceLoader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kube4c who-can VERB RESOURCE PATH...}: the subjects an access is granted to, and how. */
@Command(
    name = "who-can",
    description = {
      "List every subject (User, Group, ServiceAccount) that the scanned RBAC objects allow to perform VERB on RESOURCE,",
      "with the binding -> role -> rule path of each grant and the workloads that run as each ServiceAccount.",
      "Kubernetes' default ClusterRoles (cluster-admin, admin, edit, view, system:*) are known without a cluster.",
      "Examples: kube4c who-can create pods/exec manifests/ -n shop;  kube4c who-can get /metrics manifests/ --format json"
    },
    sortOptions = false)
final class WhoCanCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "VERB",
      description =
          "get, list, watch, create (exec and attach are create on pods/exec, pods/attach), update, patch, delete, impersonate, escalate, bind, ... or *")
  String verb;

  @Parameters(
      index = "1",
      paramLabel = "RESOURCE",
      description =
          "pods, pods/exec (subresource), deployments.apps (resource.group), or a non-resource URL such as /metrics")
  String resource;

  @Parameters(
      index = "2..*",
      paramLabel = "PATH",
      arity = "1..*",
      description = "Files or folders with RBAC objects and workloads, or - for standard input.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = {"-n", "--namespace"},
      description =
          "Ask about this namespace: its RoleBindings and all ClusterRoleBindings (default: every namespace).")
  String namespace;

  @Option(
      names = "--resource-name",
      paramLabel = "NAME",
      description =
          "Ask about one named object; rules restricted by resourceNames then count only when they list it.")
  String resourceName;

  @Option(
      names = {"-f", "--format"},
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE})")
  String format;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("text") && !format.equals("json")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--format must be text or json");
    }
    if (verb.isBlank() || resource.isBlank()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "VERB and RESOURCE must not be empty");
    }
    Access access = Access.parse(verb, resource);
    if (!access.isNonResource()) {
      access = access.inNamespace(namespace).withName(resourceName);
    }
    SourceLoader.Loaded loaded = new SourceLoader(System.in).load(paths);
    Inventory inventory = Inventory.of(loaded.documents(), loaded.problems());
    List<WhoCan.Entry> entries = WhoCan.ask(RbacModel.of(inventory), access);
    PrintWriter out = spec.commandLine().getOut();
    if (format.equals("json")) {
      out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(toJson(access, entries)));
    } else {
      writeText(access, entries, out);
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    loaded.problems().forEach(p -> err.println("error: " + p));
    err.flush();
    return loaded.problems().isEmpty() ? Main.EXIT_OK : Main.EXIT_ERROR;
  }

  private static void writeText(Access access, List<WhoCan.Entry> entries, PrintWriter out) {
    String where =
        access.isNonResource() || ApiResources.isClusterScoped(access.resource())
            ? ""
            : access.namespace() == null
                ? " (any namespace)"
                : " (namespace " + access.namespace() + ")";
    out.println(
        "Who can "
            + access.describe()
            + where
            + ": "
            + entries.size()
            + (entries.size() == 1 ? " subject" : " subjects"));
    for (WhoCan.Entry entry : entries) {
      out.println();
      out.println(entry.subject().display());
      for (Grant grant : entry.grants()) {
        String names =
            grant.rule().rule().restrictedByName()
                ? "  only resourceNames " + grant.rule().rule().resourceNames()
                : "";
        out.println("  " + grant.path() + "  [" + grant.binding().scopeText() + "]" + names);
      }
      if (!entry.workloads().isEmpty()) {
        out.println("  runs: " + String.join(", ", entry.workloads()));
      }
    }
  }

  static ObjectNode toJson(Access access, List<WhoCan.Entry> entries) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("schemaVersion", 1);
    ObjectNode query = root.putObject("query");
    query.put("verb", access.verb());
    if (access.isNonResource()) {
      query.put("nonResourceURL", access.nonResourceUrl());
    } else {
      query.put("resource", access.resource());
      if (access.subresource() != null) {
        query.put("subresource", access.subresource());
      }
      if (access.group() != null) {
        query.put("apiGroup", access.group());
      }
      if (access.namespace() != null) {
        query.put("namespace", access.namespace());
      }
      if (access.name() != null) {
        query.put("resourceName", access.name());
      }
    }
    ArrayNode subjects = root.putArray("subjects");
    for (WhoCan.Entry entry : entries) {
      ObjectNode subject = subjects.addObject();
      subject.put("subject", entry.subject().display());
      ArrayNode grants = subject.putArray("grants");
      for (Grant grant : entry.grants()) {
        ObjectNode node = grants.addObject();
        node.put("binding", grant.binding().display());
        node.put("role", grant.role().display());
        if (grant.role().resource() == null) {
          node.put("builtInRole", true);
        }
        node.put("rule", grant.rule().path());
        node.put(
            "scope", grant.binding().isClusterWide() ? "cluster" : grant.binding().namespace());
        if (grant.rule().rule().restrictedByName()) {
          grant.rule().rule().resourceNames().forEach(node.putArray("resourceNames")::add);
        }
      }
      if (!entry.workloads().isEmpty()) {
        entry.workloads().forEach(subject.putArray("workloads")::add);
      }
    }
    return root;
  }
}
