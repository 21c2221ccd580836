package dev.kube4c.rbac;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.source.Document;
import dev.kube4c.source.ManifestReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Kubernetes' default ClusterRoles, bundled as {@code default-cluster-roles.yaml} beside this
 * class.
 */
public final class DefaultRoles {

  private static final String RESOURCE = "default-cluster-roles.yaml";
  private static final List<ObjectNode> CLUSTER_ROLES = load();

  private DefaultRoles() {}

  /**
   * Fresh copies of the default ClusterRole objects, so that no caller can change the bundled ones.
   */
  public static List<ObjectNode> clusterRoles() {
    return CLUSTER_ROLES.stream().map(ObjectNode::deepCopy).toList();
  }

  // Read as scanned manifests are, not by a second YAML stack: its first use cost a small scan 25
  // ms.
  private static List<ObjectNode> load() {
    byte[] bytes;
    try (InputStream in = DefaultRoles.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ManifestReader.Result result = new ManifestReader().read(RESOURCE, bytes);
    if (!result.problems().isEmpty()) {
      throw new IllegalStateException(RESOURCE + ": " + result.problems().get(0));
    }
    return result.documents().stream().map(Document::tree).toList();
  }
}
