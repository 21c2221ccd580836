package dev.kube4c.cloud;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * AKS clusters in ARM JSON (templates, compiled Bicep, nested deployments, {@code az deployment}
 * validate/what-if output, {@code az resource show}) and in {@code az aks show}/{@code az aks list}
 * output. Agent pools declared as child resources and diagnostic settings in the same template are
 * attached to the cluster.
 */
final class AzureClusters {

  static final String MANAGED_CLUSTERS = "microsoft.containerservice/managedclusters";
  private static final int MAX_DEPTH = 60;

  private AzureClusters() {}

  /** What one template (or the whole input when there is none) holds. */
  private static final class Scope {
    final JsonNode template;
    final List<ClusterDocument> clusters = new ArrayList<>();
    final List<JsonNode> pools = new ArrayList<>();
    final List<JsonPointer> poolPointers = new ArrayList<>();
    final List<JsonNode> diagnostics = new ArrayList<>();
    final List<JsonPointer> diagnosticPointers = new ArrayList<>();

    Scope(JsonNode template) {
      this.template = template;
    }
  }

  /**
   * The path to a node while walking, as a cheap linked list; it becomes a JsonPointer only for the
   * few nodes that are kept (building pointers for every node of a large file is slow).
   */
  private record Trail(Trail parent, String name, int index) {
    Trail child(String field) {
      return new Trail(this, field, -1);
    }

    Trail child(int i) {
      return new Trail(this, null, i);
    }

    JsonPointer pointer() {
      java.util.ArrayDeque<Trail> parts = new java.util.ArrayDeque<>();
      for (Trail t = this; t != null && t.parent != null; t = t.parent) {
        parts.push(t);
      }
      JsonPointer pointer = JsonPointer.empty();
      for (Trail t : parts) {
        pointer = t.name != null ? pointer.appendProperty(t.name) : pointer.appendIndex(t.index);
      }
      return pointer;
    }
  }

  static List<ClusterDocument> read(JsonNode root) {
    List<Scope> order = new ArrayList<>();
    Scope top = new Scope(null);
    order.add(top);
    walk(root, new Trail(null, null, -1), top, order, 0);
    List<ClusterDocument> out = new ArrayList<>();
    for (Scope scope : order) {
      finish(scope);
      out.addAll(scope.clusters);
    }
    return out;
  }

  private static void walk(JsonNode node, Trail trail, Scope scope, List<Scope> order, int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), trail.child(i), scope, order, depth + 1);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    if (node.path("$schema").asText().toLowerCase(Locale.ROOT).contains("deploymenttemplate")
        && node.has("resources")) {
      Scope inner = new Scope(node);
      order.add(inner);
      scope = inner;
    }
    String type = node.path("type").asText().toLowerCase(Locale.ROOT);
    if (type.equals(MANAGED_CLUSTERS)) {
      cluster(node, trail.pointer(), scope);
      return;
    }
    if (type.equals(MANAGED_CLUSTERS + "/agentpools") && node.has("properties")) {
      scope.pools.add(node);
      scope.poolPointers.add(trail.pointer());
      return;
    }
    if (isDiagnosticSetting(node, type)) {
      scope.diagnostics.add(node);
      scope.diagnosticPointers.add(trail.pointer());
      return;
    }
    boolean whatIf = node.has("after") && node.has("before");
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (whatIf && field.getKey().equals("before")) {
        continue; // what-if output: the state after the deployment is what will run
      }
      walk(field.getValue(), trail.child(field.getKey()), scope, order, depth + 1);
    }
  }

  private static boolean isDiagnosticSetting(JsonNode node, String type) {
    if (type.equals(MANAGED_CLUSTERS + "/providers/diagnosticsettings")) {
      return true;
    }
    return type.equals("microsoft.insights/diagnosticsettings")
        && node.path("scope").asText().toLowerCase(Locale.ROOT).contains("managedclusters");
  }

  private static void cluster(JsonNode node, JsonPointer pointer, Scope scope) {
    boolean arm = node.has("properties");
    if (!arm
        && !(node.has("agentPoolProfiles")
            || node.has("kubernetesVersion")
            || node.has("currentKubernetesVersion"))) {
      return; // a bare reference to a cluster, not its description
    }
    ClusterDocument.Resolver resolver =
        arm ? new ArmResolver(scope.template) : ClusterDocument.Resolver.NONE;
    ClusterDocument.Resolved condition = resolver.resolve(node.path("condition"));
    if (arm
        && !condition.unknown()
        && condition.value().isBoolean()
        && !condition.value().booleanValue()) {
      return; // the template does not deploy this cluster with its default parameters
    }
    String name = nameOf(node.path("name"), resolver);
    ClusterDocument doc =
        new ClusterDocument(Provider.AKS, arm ? Formats.ARM : Formats.AZURE_CLI, name, pointer);
    UnaryOperator<String> view = arm ? UnaryOperator.identity() : AzureClusters::flatten;
    doc.readSettings(
        node, ClusterKeys.forAzureFormat(ClusterKeys.AKS_ARM, !arm), view, resolver, null);
    JsonPaths.Lookup profiles = JsonPaths.get(node, view.apply("properties.agentPoolProfiles"));
    if (profiles.value().isArray()) {
      for (int i = 0; i < profiles.value().size(); i++) {
        JsonNode pool = profiles.value().get(i);
        doc.addPool(
            pool.path("name").asText("pool" + i),
            view.apply("properties.agentPoolProfiles") + "[" + i + "]",
            pool,
            ClusterKeys.forAzureFormat(ClusterKeys.AKS_POOL_ARM, !arm),
            UnaryOperator.identity(),
            resolver,
            null);
      }
    }
    doc.object().put("clusterName", name);
    scope.clusters.add(doc);
  }

  /** Agent pool child resources and diagnostic settings of a template go to its clusters. */
  private static void finish(Scope scope) {
    if (scope.clusters.isEmpty()) {
      return;
    }
    ClusterDocument.Resolver resolver = new ArmResolver(scope.template);
    for (int i = 0; i < scope.pools.size(); i++) {
      JsonNode pool = scope.pools.get(i);
      String full = nameOf(pool.path("name"), resolver);
      String clusterName = full.contains("/") ? full.substring(0, full.indexOf('/')) : null;
      String poolName = full.contains("/") ? full.substring(full.indexOf('/') + 1) : full;
      for (ClusterDocument cluster : owners(scope, clusterName)) {
        cluster.addPool(
            poolName,
            ClusterDocument.display(scope.poolPointers.get(i)) + ".properties",
            pool.path("properties"),
            ClusterKeys.forAzureFormat(ClusterKeys.AKS_POOL_ARM, false),
            UnaryOperator.identity(),
            resolver,
            null);
      }
    }
    for (ClusterDocument cluster : scope.clusters) {
      if (!cluster.object().path("format").asText().equals(Formats.ARM)) {
        continue; // az aks show does not carry diagnostic settings: the key stays unknown
      }
      ArrayNode categories = JsonNodeFactory.instance.arrayNode();
      String path = null;
      boolean unknown = false;
      for (int i = 0; i < scope.diagnostics.size(); i++) {
        JsonNode diagnostic = scope.diagnostics.get(i);
        ClusterDocument.Resolved condition = resolver.resolve(diagnostic.path("condition"));
        if (!condition.unknown()
            && condition.value().isBoolean()
            && !condition.value().booleanValue()) {
          continue; // a diagnostic setting the template does not deploy
        }
        JsonNode logs =
            copiedLogs(diagnostic.path("properties"), scope.template)
                .orElse(diagnostic.path("properties").path("logs"));
        String here = ClusterDocument.display(scope.diagnosticPointers.get(i)) + ".properties.logs";
        path = path == null ? here : path;
        if (JsonPaths.isExpression(scope.diagnostics.get(i).path("properties"))
            || JsonPaths.isExpression(logs)) {
          unknown = true;
          continue;
        }
        for (JsonNode log : logs) {
          String category = log.path("category").asText(log.path("categoryGroup").asText());
          JsonNode enabled = resolver.resolve(log.path("enabled")).value();
          if (isAuditCategory(category)
              && (enabled.asBoolean(false) || enabled.asText().equalsIgnoreCase("true"))) {
            categories.add(category);
            path = here;
          }
        }
      }
      if (path == null) {
        cluster.set(
            "auditLogs", "Microsoft.Insights/diagnosticSettings of the cluster", null, false, null);
      } else {
        cluster.set("auditLogs", path, categories, unknown && categories.isEmpty(), null);
      }
    }
  }

  private static final java.util.regex.Pattern COPIED_CATEGORY =
      java.util.regex.Pattern.compile(
          "^\\[\\s*parameters\\('([^']+)'\\)\\[copyIndex\\('logs'\\)\\]\\s*\\]$");

  /**
   * Compiled Bicep writes a loop over a parameter as an ARM copy block: "copy": [{"name": "logs",
   * "input": {"category": "[parameters('cats')[copyIndex('logs')]]"}}]. The parameter's default
   * list gives the categories.
   */
  private static java.util.Optional<JsonNode> copiedLogs(JsonNode properties, JsonNode template) {
    for (JsonNode copy : properties.path("copy")) {
      if (!copy.path("name").asText().equals("logs") || template == null) {
        continue;
      }
      java.util.regex.Matcher m =
          COPIED_CATEGORY.matcher(copy.path("input").path("category").asText());
      JsonNode categories =
          m.matches() ? template.path("parameters").path(m.group(1)).path("defaultValue") : null;
      if (categories != null && categories.isArray()) {
        ArrayNode logs = JsonNodeFactory.instance.arrayNode();
        for (JsonNode category : categories) {
          logs.addObject()
              .put("category", category.asText())
              .set("enabled", copy.path("input").path("enabled"));
        }
        return java.util.Optional.of(logs);
      }
    }
    return java.util.Optional.empty();
  }

  static boolean isAuditCategory(String category) {
    String c = category.toLowerCase(Locale.ROOT);
    return c.equals("kube-audit")
        || c.equals("kube-audit-admin")
        || c.equals("audit")
        || c.equals("alllogs");
  }

  private static List<ClusterDocument> owners(Scope scope, String clusterName) {
    if (clusterName != null) {
      List<ClusterDocument> named =
          scope.clusters.stream()
              .filter(c -> c.object().path("clusterName").asText().equals(clusterName))
              .toList();
      if (!named.isEmpty()) {
        return named;
      }
    }
    return scope.clusters.size() == 1 ? scope.clusters : List.of();
  }

  private static String nameOf(JsonNode name, ClusterDocument.Resolver resolver) {
    ClusterDocument.Resolved resolved = resolver.resolve(name);
    String text = resolved.unknown() ? name.asText() : resolved.value().asText();
    return text.isEmpty() ? "(unnamed)" : text;
  }

  /** `az aks show` puts the ARM properties at the top level. */
  private static String flatten(String path) {
    return path.startsWith("properties.") ? path.substring("properties.".length()) : path;
  }
}
