package dev.kube4c.cloud;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kube4c.inventory.JsonLists;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Clusters in {@code terraform show -json} output: a plan ({@code planned_values}) or a state
 * ({@code values}). Cluster resources become {@code CloudCluster}s; node pools, EKS add-ons, IAM
 * OIDC providers and AKS diagnostic settings are attached to their cluster: by the cluster name
 * they reference when it is known at plan time, otherwise to the only cluster of the same module,
 * otherwise to the only cluster of that provider in the plan.
 */
final class TerraformPlans {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TerraformPlans() {}

  record TfResource(
      String address,
      String type,
      String module,
      JsonNode values,
      JsonPointer pointer,
      JsonNode afterUnknown) {}

  static boolean isPlan(JsonNode root) {
    return root.isObject()
        && root.has("format_version")
        && (root.has("planned_values") || root.has("values") || root.has("terraform_version"));
  }

  static List<ClusterDocument> read(JsonNode root) {
    Map<String, JsonNode> unknowns = new HashMap<>();
    for (JsonNode change : root.path("resource_changes")) {
      unknowns.put(change.path("address").asText(), change.path("change").path("after_unknown"));
    }
    // Optional+computed attributes that the configuration does not set are "known after apply" in
    // the plan, yet they take the provider's default: only unknowns the configuration writes stay
    // unknown.
    unknowns.replaceAll(
        (address, unknown) -> {
          JsonNode expressions =
              expressionsOf(root.path("configuration").path("root_module"), address);
          return expressions == null ? unknown : prune(unknown, expressions);
        });
    List<TfResource> resources = new ArrayList<>();
    String top = root.has("planned_values") ? "planned_values" : "values";
    collect(
        root.path(top).path("root_module"),
        JsonPointer.empty().appendProperty(top).appendProperty("root_module"),
        unknowns,
        resources,
        0);

    List<ClusterDocument> clusters = new ArrayList<>();
    Map<ClusterDocument, TfResource> origin = new HashMap<>();
    for (TfResource r : resources) {
      ClusterDocument doc =
          switch (r.type) {
            case "azurerm_kubernetes_cluster" ->
                cluster(r, Provider.AKS, ClusterKeys.AKS_TERRAFORM);
            case "aws_eks_cluster" -> cluster(r, Provider.EKS, ClusterKeys.EKS_TERRAFORM);
            case "google_container_cluster" -> cluster(r, Provider.GKE, ClusterKeys.GKE_TERRAFORM);
            default -> null;
          };
      if (doc != null) {
        clusters.add(doc);
        origin.put(doc, r);
        inlinePools(doc, r);
      }
    }
    if (clusters.isEmpty()) {
      return clusters;
    }
    Map<ClusterDocument, List<TfResource>> related = new HashMap<>();
    for (TfResource r : resources) {
      Provider provider = relatedProvider(r.type);
      if (provider != null) {
        for (ClusterDocument owner : owners(r, provider, clusters, origin)) {
          related.computeIfAbsent(owner, k -> new ArrayList<>()).add(r);
        }
      }
    }
    for (ClusterDocument cluster : clusters) {
      attach(cluster, related.getOrDefault(cluster, List.of()));
    }
    return clusters;
  }

  /**
   * The configuration expressions of the resource at {@code address}, or null when the plan has no
   * configuration for it.
   */
  static JsonNode expressionsOf(JsonNode rootModule, String address) {
    if (rootModule.isMissingNode()) {
      return null;
    }
    String[] parts = address.replaceAll("\\[[^\\]]*\\]", "").split("\\.");
    JsonNode module = rootModule;
    int i = 0;
    while (i + 1 < parts.length && parts[i].equals("module")) {
      module = module.path("module_calls").path(parts[i + 1]).path("module");
      i += 2;
    }
    if (parts.length - i != 2) {
      return null;
    }
    String local = parts[i] + "." + parts[i + 1];
    for (JsonNode resource : module.path("resources")) {
      if (resource.path("address").asText().equals(local)) {
        return resource.path("expressions");
      }
    }
    return null;
  }

  /** The unknown markers of {@code unknown} that the configuration sets; unset ones are dropped. */
  private static JsonNode prune(JsonNode unknown, JsonNode expressions) {
    if (unknown == null) {
      return null;
    }
    if (unknown.isBoolean()) {
      return expressions.isMissingNode()
          ? com.fasterxml.jackson.databind.node.BooleanNode.FALSE
          : unknown;
    }
    if (unknown.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < unknown.size(); i++) {
        out.add(
            expressions.isArray() || expressions.isMissingNode()
                ? prune(unknown.get(i), expressions.path(i))
                : unknown.get(i));
      }
      return out;
    }
    if (unknown.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode out = JsonNodeFactory.instance.objectNode();
      unknown
          .properties()
          .forEach(
              e ->
                  out.set(
                      e.getKey(),
                      expressions.isObject() || expressions.isMissingNode()
                          ? prune(e.getValue(), expressions.path(e.getKey()))
                          : e.getValue()));
      return out;
    }
    return unknown;
  }

  private static void collect(
      JsonNode module,
      JsonPointer pointer,
      Map<String, JsonNode> unknowns,
      List<TfResource> out,
      int depth) {
    if (depth > 40) {
      return;
    }
    String moduleAddress = module.path("address").asText("");
    JsonNode resources = JsonLists.of(module.path("resources"));
    for (int i = 0; i < resources.size(); i++) {
      JsonNode r = resources.get(i);
      if (!r.path("mode").asText("managed").equals("managed")) {
        continue; // data sources describe what exists elsewhere
      }
      String address = r.path("address").asText();
      out.add(
          new TfResource(
              address,
              r.path("type").asText(),
              moduleAddress,
              r.path("values"),
              pointer.appendProperty("resources").appendIndex(i),
              unknowns.get(address)));
    }
    JsonNode children = module.path("child_modules");
    for (int i = 0; i < children.size(); i++) {
      collect(
          children.get(i),
          pointer.appendProperty("child_modules").appendIndex(i),
          unknowns,
          out,
          depth + 1);
    }
  }

  private static ClusterDocument cluster(
      TfResource r, Provider provider, Map<String, List<String>> table) {
    String name = r.values.path("name").asText(r.address);
    ClusterDocument doc = new ClusterDocument(provider, Formats.TERRAFORM_PLAN, name, r.pointer);
    doc.object().put("address", r.address);
    doc.readSettings(
        r.values, table, UnaryOperator.identity(), ClusterDocument.Resolver.NONE, r.afterUnknown);
    return doc;
  }

  private static void inlinePools(ClusterDocument doc, TfResource r) {
    switch (r.type) {
      case "azurerm_kubernetes_cluster" -> {
        JsonNode pool = r.values.path("default_node_pool").path(0);
        if (pool.isObject()) {
          doc.addPool(
              pool.path("name").asText("default"),
              "default_node_pool[0]",
              pool,
              ClusterKeys.AKS_POOL_TERRAFORM,
              UnaryOperator.identity(),
              ClusterDocument.Resolver.NONE,
              null);
        }
      }
      case "google_container_cluster" -> {
        JsonNode pools = r.values.path("node_pool");
        for (int i = 0; i < pools.size(); i++) {
          doc.addPool(
              pools.get(i).path("name").asText("pool" + i),
              "node_pool[" + i + "]",
              pools.get(i),
              ClusterKeys.GKE_POOL_TERRAFORM,
              UnaryOperator.identity(),
              ClusterDocument.Resolver.NONE,
              null);
        }
        // node_config on the cluster configures the default pool, unless the default pool is
        // removed.
        if (r.values.path("node_config").path(0).isObject()
            && !r.values.path("remove_default_node_pool").asBoolean(false)) {
          doc.addPool(
              "default-pool",
              "",
              r.values,
              ClusterKeys.GKE_POOL_TERRAFORM,
              UnaryOperator.identity(),
              ClusterDocument.Resolver.NONE,
              null);
        }
      }
      default -> {
        // EKS node groups are separate resources
      }
    }
  }

  private static Provider relatedProvider(String type) {
    return switch (type) {
      case "azurerm_kubernetes_cluster_node_pool", "azurerm_monitor_diagnostic_setting" ->
          Provider.AKS;
      case "aws_eks_node_group", "aws_eks_addon", "aws_iam_openid_connect_provider" -> Provider.EKS;
      case "google_container_node_pool" -> Provider.GKE;
      default -> null;
    };
  }

  private static List<ClusterDocument> owners(
      TfResource r,
      Provider provider,
      List<ClusterDocument> clusters,
      Map<ClusterDocument, TfResource> origin) {
    List<ClusterDocument> candidates =
        clusters.stream()
            .filter(c -> c.object().path("provider").asText().equals(provider.id()))
            .toList();
    String named = r.values.path("cluster_name").asText(r.values.path("cluster").asText(""));
    if (!named.isEmpty()) {
      List<ClusterDocument> byName =
          candidates.stream()
              .filter(c -> c.object().path("metadata").path("name").asText().equals(named))
              .toList();
      if (!byName.isEmpty()) {
        return byName;
      }
    }
    if (r.type.equals("azurerm_monitor_diagnostic_setting")
        && !r.values.path("target_resource_id").isMissingNode()
        && !r.values
            .path("target_resource_id")
            .asText()
            .toLowerCase(Locale.ROOT)
            .contains("managedclusters")) {
      return List.of(); // a diagnostic setting of some other resource
    }
    List<ClusterDocument> sameModule =
        candidates.stream().filter(c -> origin.get(c).module.equals(r.module)).toList();
    if (sameModule.size() == 1) {
      return sameModule;
    }
    return candidates.size() == 1 ? candidates : List.of();
  }

  private static void attach(ClusterDocument cluster, List<TfResource> related) {
    String provider = cluster.object().path("provider").asText();
    ArrayNode auditCategories = JsonNodeFactory.instance.arrayNode();
    String auditPath = null;
    boolean oidcProvider = false;
    boolean podIdentityAgent = false;
    String cniPath = null;
    JsonNode cniNetworkPolicy = null;
    for (TfResource r : related) {
      switch (r.type) {
        case "azurerm_kubernetes_cluster_node_pool" ->
            cluster.addPool(
                r.values.path("name").asText(r.address),
                r.address,
                r.values,
                ClusterKeys.AKS_POOL_TERRAFORM,
                UnaryOperator.identity(),
                ClusterDocument.Resolver.NONE,
                r.afterUnknown);
        case "google_container_node_pool" ->
            cluster.addPool(
                r.values.path("name").asText(r.address),
                r.address,
                r.values,
                ClusterKeys.GKE_POOL_TERRAFORM,
                UnaryOperator.identity(),
                ClusterDocument.Resolver.NONE,
                r.afterUnknown);
        case "aws_eks_node_group" ->
            cluster.addPool(
                r.values.path("node_group_name").asText(r.address),
                r.address,
                r.values,
                ClusterKeys.EKS_POOL_TERRAFORM,
                UnaryOperator.identity(),
                ClusterDocument.Resolver.NONE,
                r.afterUnknown);
        case "aws_iam_openid_connect_provider" -> oidcProvider = true;
        case "aws_eks_addon" -> {
          String addon = r.values.path("addon_name").asText();
          podIdentityAgent |= addon.equals("eks-pod-identity-agent");
          if (addon.equals("vpc-cni")) {
            cniPath = r.address + ".configuration_values";
            cniNetworkPolicy = networkPolicyOf(r.values.path("configuration_values").asText(""));
          }
        }
        case "azurerm_monitor_diagnostic_setting" -> {
          auditPath = auditPath == null ? r.address : auditPath;
          for (JsonNode log : r.values.path("enabled_log")) {
            String category = log.path("category").asText(log.path("category_group").asText(""));
            if (AzureClusters.isAuditCategory(category)) {
              auditCategories.add(category);
              auditPath = r.address;
            }
          }
          for (JsonNode log : r.values.path("log")) {
            if (AzureClusters.isAuditCategory(
                    log.path("category").asText(log.path("category_group").asText("")))
                && log.path("enabled").asBoolean(true)) {
              auditCategories.add(
                  log.path("category").asText(log.path("category_group").asText("")));
              auditPath = r.address;
            }
          }
        }
        default -> {
          // not related to cluster settings
        }
      }
    }
    if (provider.equals(Provider.AKS.id())) {
      cluster.set(
          "auditLogs",
          auditPath == null
              ? "azurerm_monitor_diagnostic_setting for the cluster"
              : auditPath + ".enabled_log",
          auditPath == null ? null : auditCategories,
          false,
          null);
    }
    if (provider.equals(Provider.EKS.id())) {
      JsonNodeFactory nodes = JsonNodeFactory.instance;
      cluster.set(
          "oidcProvider",
          "aws_iam_openid_connect_provider for the cluster",
          oidcProvider ? nodes.booleanNode(true) : null,
          false,
          null);
      cluster.set(
          "podIdentityAgent",
          "aws_eks_addon \"eks-pod-identity-agent\"",
          podIdentityAgent ? nodes.booleanNode(true) : null,
          false,
          null);
      if (cniPath != null) {
        cluster.set(
            "vpcCniNetworkPolicy", cniPath + " enableNetworkPolicy", cniNetworkPolicy, false, null);
      }
    }
  }

  /**
   * The VPC CNI add-on's enableNetworkPolicy from its JSON configuration_values; null when absent.
   */
  private static JsonNode networkPolicyOf(String configuration) {
    if (configuration.isBlank()) {
      return null;
    }
    try {
      JsonNode config = MAPPER.readTree(configuration);
      JsonNode value = config.path("enableNetworkPolicy");
      return value.isMissingNode() ? null : value;
    } catch (IOException e) {
      return null;
    }
  }
}
