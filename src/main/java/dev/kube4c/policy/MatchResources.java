package dev.kube4c.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code matchConstraints} of a policy or {@code matchResources} of a binding: which requests it
 * applies to, by resource rules, exclusions and namespace and object label selectors.
 *
 * @param matchPolicy Equivalent (the default: a rule for one version of a resource matches its
 *     other versions too) or Exact
 */
public record MatchResources(
    JsonNode namespaceSelector,
    JsonNode objectSelector,
    List<ResourceRule> resourceRules,
    List<ResourceRule> excludeResourceRules,
    String matchPolicy) {

  public MatchResources {
    resourceRules = List.copyOf(resourceRules);
    excludeResourceRules = List.copyOf(excludeResourceRules);
  }

  static MatchResources of(JsonNode node) {
    return new MatchResources(
        node.get("namespaceSelector"),
        node.get("objectSelector"),
        rules(node.path("resourceRules")),
        rules(node.path("excludeResourceRules")),
        node.path("matchPolicy").asText("Equivalent"));
  }

  private static List<ResourceRule> rules(JsonNode array) {
    List<ResourceRule> rules = new ArrayList<>();
    for (JsonNode rule : array) {
      rules.add(
          new ResourceRule(
              texts(rule.path("apiGroups")),
              texts(rule.path("apiVersions")),
              texts(rule.path("resources")),
              texts(rule.path("operations")),
              texts(rule.path("resourceNames")),
              rule.path("scope").asText("*")));
    }
    return rules;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(v -> texts.add(v.asText()));
    return texts;
  }

  /**
   * Whether the request is in scope: a resource rule matches, no exclusion does, selectors agree.
   */
  boolean matches(
      Request request, Map<String, String> namespaceLabels, Map<String, String> labels) {
    if (!resourceRules.isEmpty() && !anyMatches(resourceRules, request)) {
      return false;
    }
    if (anyMatches(excludeResourceRules, request)) {
      return false;
    }
    return selects(objectSelector, labels)
        && (namespaceLabels == null || selects(namespaceSelector, namespaceLabels));
  }

  private boolean anyMatches(List<ResourceRule> rules, Request request) {
    for (ResourceRule rule : rules) { // a loop, not a stream: this runs per policy and object
      if (rule.matches(request, matchPolicy)) {
        return true;
      }
    }
    return false;
  }

  private static boolean selects(JsonNode selector, Map<String, String> labels) {
    return selector == null || selector.isNull() || Labels.labelSelectorMatches(selector, labels);
  }

  /** The resource rules can only match an object of this group and resource (fast pre-check). */
  boolean mayMatch(String group, String version, String resource) {
    for (ResourceRule rule : resourceRules) {
      if (rule.mayMatch(group, version, resource, matchPolicy)) {
        return true;
      }
    }
    return false;
  }

  /** One entry of resourceRules / excludeResourceRules (a NamedRuleWithOperations). */
  public record ResourceRule(
      List<String> apiGroups,
      List<String> apiVersions,
      List<String> resources,
      List<String> operations,
      List<String> resourceNames,
      String scope) {

    public ResourceRule {
      apiGroups = List.copyOf(apiGroups);
      apiVersions = List.copyOf(apiVersions);
      resources = List.copyOf(resources);
      operations = List.copyOf(operations);
      resourceNames = List.copyOf(resourceNames);
    }

    boolean matches(Request r, String matchPolicy) {
      return mayMatch(r.group(), r.version(), r.resource(), r.subResource(), matchPolicy)
          && (operations.contains("*") || operations.contains(r.operation()))
          && (resourceNames.isEmpty() || resourceNames.contains(r.name()))
          && switch (scope) {
            case "Cluster" -> r.namespace() == null;
            case "Namespaced" -> r.namespace() != null;
            default -> true;
          };
    }

    boolean mayMatch(String group, String version, String resource, String matchPolicy) {
      return mayMatch(group, version, resource, null, matchPolicy);
    }

    private boolean mayMatch(
        String group, String version, String resource, String subResource, String matchPolicy) {
      boolean versionOk =
          apiVersions.contains("*")
              || apiVersions.contains(version)
              || !"Exact".equals(matchPolicy); // Equivalent: the same resource in another version
      if (!versionOk || !(apiGroups.contains("*") || apiGroups.contains(group))) {
        return false;
      }
      // Loops, not streams: this runs for every policy on every object.
      for (String pattern : resources) {
        if (resourceMatches(pattern, resource, subResource)) {
          return true;
        }
      }
      return false;
    }

    private static boolean resourceMatches(String pattern, String resource, String subResource) {
      boolean whole = subResource == null || subResource.isEmpty();
      if (pattern.equals("*")) {
        return whole;
      }
      if (pattern.equals("*/*")) {
        return true;
      }
      if (pattern.endsWith("/*")) {
        return pattern.substring(0, pattern.length() - 2).equals(resource)
            && subResource != null
            && !subResource.isEmpty();
      }
      if (pattern.startsWith("*/")) {
        return pattern.substring(2).equals(subResource);
      }
      // The resource is lower case already.
      return pattern.equalsIgnoreCase(whole ? resource : resource + "/" + subResource);
    }
  }
}
