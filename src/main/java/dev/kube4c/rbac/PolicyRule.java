package dev.kube4c.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a Role's {@code rules}, matched exactly as the Kubernetes RBAC authorizer matches
 * it: {@code *} in verbs, apiGroups and resources; {@code *}/subresource; resourceNames; and
 * nonResourceURLs with a trailing {@code *} prefix match.
 */
public record PolicyRule(
    List<String> verbs,
    List<String> apiGroups,
    List<String> resources,
    List<String> resourceNames,
    List<String> nonResourceURLs) {

  public static final String ALL = "*";

  public PolicyRule {
    verbs = List.copyOf(verbs);
    apiGroups = List.copyOf(apiGroups);
    resources = List.copyOf(resources);
    resourceNames = List.copyOf(resourceNames);
    nonResourceURLs = List.copyOf(nonResourceURLs);
  }

  public static PolicyRule of(JsonNode node) {
    return new PolicyRule(
        strings(node.path("verbs")),
        strings(node.path("apiGroups")),
        strings(node.path("resources")),
        strings(node.path("resourceNames")),
        strings(node.path("nonResourceURLs")));
  }

  private static List<String> strings(JsonNode node) {
    List<String> list = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(
          v -> {
            if (v.isValueNode() && !v.isNull()) {
              list.add(v.asText());
            }
          });
    } else if (node.isTextual()) {
      list.add(node.asText());
    }
    return list;
  }

  public boolean isNonResource() {
    return !nonResourceURLs.isEmpty();
  }

  public boolean restrictedByName() {
    return !resourceNames.isEmpty();
  }

  public boolean allowsVerb(String verb) {
    return verbs.contains(ALL) || verbs.contains(verb);
  }

  /** True for a request on this group, resource and subresource (any name). */
  public boolean allowsResource(String group, String resource, String subresource) {
    if (resources.isEmpty()) {
      return false;
    }
    boolean groupOk = apiGroups.contains(ALL) || group == null || apiGroups.contains(group);
    return groupOk && resourceMatches(resource, subresource);
  }

  private boolean resourceMatches(String resource, String subresource) {
    String combined =
        subresource == null || subresource.isEmpty() ? resource : resource + "/" + subresource;
    for (String r : resources) {
      if (r.equals(ALL) || r.equals(combined)) {
        return true;
      }
      if (subresource != null && !subresource.isEmpty() && r.equals("*/" + subresource)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A name-restricted rule only allows requests for one of its names; an unrestricted rule allows
   * any.
   */
  public boolean allowsName(String name) {
    return resourceNames.isEmpty() || (name != null && resourceNames.contains(name));
  }

  public boolean allowsNonResource(String url) {
    for (String pattern : nonResourceURLs) {
      if (pattern.equals(ALL) || pattern.equals(url)) {
        return true;
      }
      if (pattern.endsWith("*") && url.startsWith(pattern.substring(0, pattern.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  /** verbs/apiGroups/resources/resourceNames/nonResourceURLs as a short quote for messages. */
  public String describe() {
    StringBuilder text = new StringBuilder("verbs " + verbs);
    if (isNonResource()) {
      text.append(", nonResourceURLs ").append(nonResourceURLs);
    }
    if (!resources.isEmpty()) {
      text.append(", apiGroups ")
          .append(quoteGroups(apiGroups))
          .append(", resources ")
          .append(resources);
    }
    if (restrictedByName()) {
      text.append(", resourceNames ").append(resourceNames);
    }
    return text.toString();
  }

  private static String quoteGroups(List<String> groups) {
    List<String> quoted = new ArrayList<>();
    groups.forEach(g -> quoted.add(g.isEmpty() ? "\"\"" : g));
    return quoted.toString();
  }
}
