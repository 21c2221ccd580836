package dev.kube4c.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The admission request being judged, when rules run inside {@code kube4c serve}: what the API
 * server tells a webhook about the operation (and what CEL policies see as {@code request} and
 * {@code oldObject}). File and cluster scans have none; {@link RuleContext#request()} is then null
 * and rules judge the object as if it were being created.
 *
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param subResource e.g. {@code scale}, {@code ephemeralcontainers}, or null
 * @param group the resource's API group ("" for core)
 * @param version the resource's API version
 * @param resource the plural resource name, e.g. {@code deployments}
 * @param kind the object's kind
 * @param namespace the request's namespace, or null for cluster-scoped objects
 * @param name the object's name (may be empty for generateName)
 * @param userName who sends the request
 * @param userUid the user's uid, or null
 * @param userGroups the user's groups
 * @param userExtra the user's extra attributes
 * @param dryRun whether the request has no side effects
 * @param oldObject the object before an UPDATE or DELETE, else null
 */
public record RequestAttributes(
    String operation,
    String subResource,
    String group,
    String version,
    String resource,
    String kind,
    String namespace,
    String name,
    String userName,
    String userUid,
    List<String> userGroups,
    Map<String, List<String>> userExtra,
    boolean dryRun,
    JsonNode oldObject) {

  public RequestAttributes {
    userGroups = userGroups == null ? List.of() : List.copyOf(userGroups);
    userExtra = userExtra == null ? Map.of() : Map.copyOf(userExtra);
  }
}
