package dev.kube4c.rbac;

import java.util.Locale;

/**
 * A request to authorize, as in {@code kubectl auth can-i}: a verb on a resource (API group,
 * resource, subresource, optional name, optional namespace) or on a non-resource URL. A null group
 * means "the group is unknown": any group matches. A null namespace asks about every namespace
 * (each RoleBinding answers for its own).
 */
public record Access(
    String verb,
    String group,
    String resource,
    String subresource,
    String name,
    String namespace,
    String nonResourceUrl) {

  public static Access resource(String verb, String group, String resource, String subresource) {
    return new Access(verb, group, resource, subresource, null, null, null);
  }

  public static Access nonResource(String verb, String url) {
    return new Access(verb, null, null, null, null, null, url);
  }

  /**
   * Parses the RESOURCE argument of who-can: {@code /metrics} (a non-resource URL), {@code pods},
   * {@code pods/exec}, {@code deployments.apps}, {@code deployments.apps/scale}. A plain name takes
   * its group from {@link ApiResources}; unknown names match any group.
   */
  public static Access parse(String verb, String target) {
    if (target.startsWith("/")) {
      return nonResource(verb, target);
    }
    String subresource = null;
    String resource = target.toLowerCase(Locale.ROOT);
    int slash = resource.indexOf('/');
    if (slash >= 0) {
      subresource = resource.substring(slash + 1);
      resource = resource.substring(0, slash);
    }
    String group;
    int dot = resource.indexOf('.');
    if (dot >= 0) {
      group = resource.substring(dot + 1);
      resource = resource.substring(0, dot);
    } else {
      group = ApiResources.groupOf(resource).orElse(null);
    }
    return new Access(verb, group, resource, subresource, null, null, null);
  }

  public Access withName(String resourceName) {
    return new Access(verb, group, resource, subresource, resourceName, namespace, nonResourceUrl);
  }

  public Access inNamespace(String ns) {
    return new Access(verb, group, resource, subresource, name, ns, nonResourceUrl);
  }

  public boolean isNonResource() {
    return nonResourceUrl != null;
  }

  /** True when the rule allows this request through a binding of the given scope. */
  public boolean allowedBy(PolicyRule rule, Binding binding) {
    if (!rule.allowsVerb(verb)) {
      return false;
    }
    if (isNonResource()) {
      // Non-resource URLs are only granted by ClusterRoleBindings.
      return binding.isClusterWide() && rule.allowsNonResource(nonResourceUrl);
    }
    if (!rule.allowsResource(group, resource, subresource)
        || (name != null && !rule.allowsName(name))) {
      return false;
    }
    if (binding.isClusterWide()) {
      return true;
    }
    if (ApiResources.isClusterScoped(resource)) {
      return false;
    }
    return namespace == null || namespace.equals(binding.namespace());
  }

  /** verb resource[/sub][.group] or verb URL, for headings. */
  public String describe() {
    if (isNonResource()) {
      return verb + " " + nonResourceUrl;
    }
    String text = verb + " " + resource + (subresource == null ? "" : "/" + subresource);
    if (group != null && !group.isEmpty()) {
      text += " (apiGroup " + group + ")";
    }
    if (name != null) {
      text += " named " + name;
    }
    return text;
  }
}
