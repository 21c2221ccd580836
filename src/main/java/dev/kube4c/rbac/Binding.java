package dev.kube4c.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Resource;
import java.util.ArrayList;
import java.util.List;

/** A RoleBinding or ClusterRoleBinding: its roleRef and subjects. */
public record Binding(Resource resource, String roleKind, String roleName, List<Subject> subjects) {

  public Binding {
    subjects = List.copyOf(subjects);
  }

  public static Binding of(Resource resource) {
    JsonNode roleRef = resource.object().path("roleRef");
    String namespace = resource.kind().equals("RoleBinding") ? resource.effectiveNamespace() : null;
    List<Subject> subjects = new ArrayList<>();
    for (JsonNode subject : resource.object().path("subjects")) {
      if (subject.isObject()
          && !subject.path("kind").asText("").isEmpty()
          && !subject.path("name").asText("").isEmpty()) {
        subjects.add(Subject.of(subject, namespace));
      }
    }
    return new Binding(
        resource,
        roleRef.path("kind").asText("ClusterRole"),
        roleRef.path("name").asText(""),
        subjects);
  }

  /** A ClusterRoleBinding grants everywhere; a RoleBinding only in its namespace. */
  public boolean isClusterWide() {
    return resource.kind().equals("ClusterRoleBinding");
  }

  /** The namespace the grant applies to, or null when cluster-wide. */
  public String namespace() {
    return isClusterWide() ? null : resource.effectiveNamespace();
  }

  public String display() {
    return isClusterWide()
        ? resource.kind() + "/" + resource.name()
        : resource.kind() + "/" + namespace() + "/" + resource.name();
  }

  /** Labelled as a Kubernetes bootstrap binding (as found in a dump of a live cluster). */
  public boolean isLabelledDefault() {
    return "rbac-defaults".equals(resource.labels().get("kubernetes.io/bootstrapping"));
  }

  public String scopeText() {
    return isClusterWide() ? "cluster-wide" : "in namespace " + namespace();
  }
}
