package dev.kube4c.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' default ClusterRoles, bundled as {@code default-cluster-roles.yaml} beside this
 * class.
 */
public final class DefaultRoles {

  private static final List<ObjectNode> CLUSTER_ROLES = load();

  private DefaultRoles() {}

  /**
   * Fresh copies of the default ClusterRole objects, so that no caller can change the bundled ones.
   */
  public static List<ObjectNode> clusterRoles() {
    return CLUSTER_ROLES.stream().map(ObjectNode::deepCopy).toList();
  }

  private static List<ObjectNode> load() {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<ObjectNode> roles = new ArrayList<>();
    try (InputStream in = DefaultRoles.class.getResourceAsStream("default-cluster-roles.yaml")) {
      if (in == null) {
        throw new IllegalStateException("default-cluster-roles.yaml is missing from the jar");
      }
      try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(in)) {
        while (documents.hasNext()) {
          if (documents.next() instanceof ObjectNode role) {
            roles.add(role);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(roles);
  }
}
