package dev.kube4c.policy.cel;

import dev.kube4c.rbac.Access;
import dev.kube4c.rbac.Grant;
import dev.kube4c.rbac.RbacModel;
import dev.kube4c.rbac.Subject;
import java.util.ArrayList;
import java.util.List;

/**
 * The CEL {@code authorizer} of admission policies, answered from RBAC: the scanned Roles,
 * ClusterRoles and bindings, plus Kubernetes' default roles. It authorizes as one user (the
 * request's, or a service account's through {@code authorizer.serviceAccount(ns, name)}); in a scan
 * there is no requesting user, so its own checks are errors that say so, while service account
 * checks are answered.
 */
public record KubeAuthorizer(RbacModel rbac, String user, List<String> groups, String noUser) {

  public KubeAuthorizer {
    groups = List.copyOf(groups);
  }

  /** The authorizer of a request made by {@code user} in {@code groups}. */
  public static KubeAuthorizer forUser(RbacModel rbac, String user, List<String> groups) {
    List<String> all = new ArrayList<>(groups);
    if (!all.contains("system:authenticated") && !user.equals("system:anonymous")) {
      all.add("system:authenticated");
    }
    return new KubeAuthorizer(rbac, user, all, null);
  }

  /** The authorizer of a scan, where no user makes the request. */
  public static KubeAuthorizer withoutUser(RbacModel rbac) {
    return new KubeAuthorizer(
        rbac,
        null,
        List.of(),
        "a scan has no requesting user to authorize; checks through"
            + " authorizer.serviceAccount(namespace, name) are answered from the scanned RBAC");
  }

  KubeAuthorizer serviceAccount(String namespace, String name) {
    return new KubeAuthorizer(
        rbac,
        "system:serviceaccount:" + namespace + ":" + name,
        List.of(
            "system:serviceaccounts",
            "system:serviceaccounts:" + namespace,
            "system:authenticated"),
        null);
  }

  /** {@code authorizer.path('/healthz')}. */
  record PathCheck(KubeAuthorizer authorizer, String path) {
    Decision check(String verb) {
      return authorizer.decide(Access.nonResource(verb, path));
    }
  }

  /** {@code authorizer.group('apps')}. */
  record GroupCheck(KubeAuthorizer authorizer, String group) {
    ResourceCheck resource(String resource) {
      return new ResourceCheck(authorizer, group, resource, null, null, null);
    }
  }

  /** {@code ...resource('deployments').subresource('scale').namespace('ns').name('web')}. */
  public record ResourceCheck(
      KubeAuthorizer authorizer,
      String group,
      String resource,
      String subresource,
      String namespace,
      String name) {

    ResourceCheck subresource(String value) {
      return new ResourceCheck(authorizer, group, resource, blankToNull(value), namespace, name);
    }

    ResourceCheck namespace(String value) {
      return new ResourceCheck(authorizer, group, resource, subresource, blankToNull(value), name);
    }

    ResourceCheck name(String value) {
      return new ResourceCheck(
          authorizer, group, resource, subresource, namespace, blankToNull(value));
    }

    Decision check(String verb) {
      return authorizer.decide(
          new Access(verb, group, resource, subresource, name, namespace, null));
    }
  }

  /** The answer: allowed or denied with RBAC's reason, or an error. */
  record Decision(boolean allowed, String reason, String error) {}

  /** The check for the request's own resource ({@code authorizer.requestResource}). */
  public ResourceCheck requestResource(
      String group, String resource, String subresource, String namespace, String name) {
    return new ResourceCheck(
        this, group, resource, blankToNull(subresource), blankToNull(namespace), blankToNull(name));
  }

  private Decision decide(Access access) {
    if (user == null) {
      return new Decision(false, "", noUser);
    }
    if (groups.contains("system:masters")) {
      return new Decision(true, "", null); // the API server's privileged group, before RBAC
    }
    for (Grant grant : rbac.whoCan(access)) {
      // A request without a namespace is cluster-wide: RoleBindings do not grant it.
      if ((access.namespace() != null || grant.binding().isClusterWide())
          && isThisUser(grant.subject())) {
        return new Decision(
            true,
            "RBAC: allowed by "
                + grant.binding().resource().kind()
                + " \""
                + grant.binding().resource().name()
                + "\" of "
                + grant.binding().roleKind()
                + " \""
                + grant.binding().roleName()
                + "\" to "
                + grant.subject().kind()
                + " \""
                + grant.subject().name()
                + "\"",
            null);
      }
    }
    return new Decision(false, "", null);
  }

  private boolean isThisUser(Subject subject) {
    return switch (subject.kind()) {
      case Subject.USER -> subject.name().equals(user);
      case Subject.GROUP -> groups.contains(subject.name());
      case Subject.SERVICE_ACCOUNT ->
          user.equals("system:serviceaccount:" + subject.namespace() + ":" + subject.name());
      default -> false;
    };
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
