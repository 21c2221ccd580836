package dev.kube4c.policy;

import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.RequestAttributes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The admission request a policy judges: the one the webhook received, or, in a scan, the request
 * that would create the object (CREATE, no old object, no user).
 */
record Request(
    String group,
    String version,
    String resource,
    String subResource,
    String kind,
    String operation,
    String namespace,
    String name,
    RequestAttributes attributes) {

  static Request of(Resource object, RequestAttributes attributes) {
    if (attributes != null) {
      return new Request(
          attributes.group(),
          attributes.version(),
          attributes.resource(),
          attributes.subResource(),
          attributes.kind(),
          attributes.operation(),
          attributes.namespace() == null || attributes.namespace().isEmpty()
              ? null
              : attributes.namespace(),
          attributes.name(),
          attributes);
    }
    String apiVersion = object.apiVersion();
    int slash = apiVersion.indexOf('/');
    return new Request(
        slash < 0 ? "" : apiVersion.substring(0, slash),
        slash < 0 ? apiVersion : apiVersion.substring(slash + 1),
        plural(object.kind()),
        null,
        object.kind(),
        "CREATE",
        object.effectiveNamespace(),
        object.name(),
        null);
  }

  /** The resource name of a kind, as the API server forms it for built-in and most custom kinds. */
  static String plural(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    if (lower.equals("endpoints") || lower.endsWith("metrics")) {
      return lower;
    }
    if (lower.endsWith("y")
        && lower.length() > 1
        && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    if (lower.endsWith("s")
        || lower.endsWith("x")
        || lower.endsWith("ch")
        || lower.endsWith("sh")) {
      return lower + "es";
    }
    return lower + "s";
  }

  /** The {@code request} variable of CEL, with the fields of an AdmissionRequest. */
  Map<String, Object> toCel() {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("kind", Map.of("group", group, "version", version, "kind", kind));
    request.put("resource", Map.of("group", group, "version", version, "resource", resource));
    request.put("requestKind", Map.of("group", group, "version", version, "kind", kind));
    request.put(
        "requestResource", Map.of("group", group, "version", version, "resource", resource));
    if (subResource != null && !subResource.isEmpty()) {
      request.put("subResource", subResource);
    }
    request.put("name", name == null ? "" : name);
    if (namespace != null) {
      request.put("namespace", namespace);
    }
    request.put("operation", operation);
    Map<String, Object> user = new LinkedHashMap<>();
    if (attributes != null) {
      user.put("username", attributes.userName() == null ? "" : attributes.userName());
      if (attributes.userUid() != null) {
        user.put("uid", attributes.userUid());
      }
      user.put("groups", attributes.userGroups());
      user.put("extra", attributes.userExtra());
      request.put("dryRun", attributes.dryRun());
    } else { // a scan: nobody sends the object; an empty user, so expressions on it still run
      user.put("username", "");
      user.put("groups", java.util.List.of());
      user.put("extra", Map.of());
      request.put("dryRun", false);
    }
    request.put("userInfo", user);
    return request;
  }
}
