package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.ResourceRule;
import dev.kube4c.rules.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A check of managed clusters. Subclasses answer per provider with the problems they see (each
 * naming the provider's setting and value), or nothing; settings the input leaves unresolved are
 * skipped, never guessed. One finding per cluster joins the problems.
 */
public abstract class CloudRule extends ResourceRule {

  protected CloudRule() {
    super(CloudCluster.KIND);
  }

  @Override
  protected final void check(Resource resource, RuleContext context, FindingSink sink) {
    if (!resource.apiVersion().equals(CloudCluster.API_VERSION)) {
      return;
    }
    CloudCluster cluster;
    try {
      cluster = CloudCluster.of(resource);
    } catch (IllegalArgumentException e) {
      return; // a hand-written CloudCluster with an unknown provider
    }
    List<String> problems = new ArrayList<>();
    switch (cluster.provider()) {
      case AKS -> aks(cluster, context, problems);
      case EKS -> eks(cluster, context, problems);
      case GKE -> gke(cluster, context, problems);
    }
    if (!problems.isEmpty()) {
      sink.report(
          resource,
          cluster.provider().id().toUpperCase(Locale.ROOT) + ": " + String.join("; ", problems));
    }
  }

  protected void aks(CloudCluster cluster, RuleContext context, List<String> problems) {}

  protected void eks(CloudCluster cluster, RuleContext context, List<String> problems) {}

  protected void gke(CloudCluster cluster, RuleContext context, List<String> problems) {}

  /** On: true, or a non-empty block (Terraform writes optional blocks as lists). */
  static boolean enabled(Setting s) {
    return s.isTrue()
        || (s.isSet()
            && s.value().isContainerNode()
            && !s.value().isEmpty()
            && !s.value().path(0).path("enabled").asText().equals("false"));
  }

  /** Known to be off: not unknown and not {@link #enabled}. */
  static boolean off(Setting s) {
    return !s.unknown() && !enabled(s);
  }

  static boolean containsAnyAddress(Setting cidrs) {
    for (var cidr : cidrs.value()) {
      String text =
          cidr.isObject()
              ? cidr.path("cidrBlock").asText(cidr.path("cidr_block").asText())
              : cidr.asText();
      if (text.equals("0.0.0.0/0") || text.equals("::/0")) {
        return true;
      }
    }
    return false;
  }
}
