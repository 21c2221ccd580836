package dev.kube4c.source;

import java.util.List;

/**
 * Recognises inputs that are not Kubernetes objects but describe part of a cluster (a cloud
 * provider's cluster JSON, a component's command line) and turns them into Kubernetes-shaped
 * documents of kube4c's own model, so that rules see them in the inventory like any object.
 * Implementations are stateless and registered in {@code
 * META-INF/services/dev.kube4c.source.DocumentDetector}. Detection goes by content, never by file
 * name.
 */
public interface DocumentDetector {

  /**
   * The documents recognised in {@code input}; empty when the input is not of this detector's kind.
   * Never throws for odd input.
   */
  List<Document> detect(DetectorInput input);
}
