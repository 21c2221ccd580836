package dev.kube4c.report;

import dev.kube4c.findings.ScanResult;
import dev.kube4c.findings.Scores;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Layer;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The 4C mind map of spec/MINDMAP.md as data: layers, their areas, what each area covers, the tools
 * that help there and the kube4c rules filed under it. With a scan it also carries each layer's and
 * area's status (score and findings by severity); without one ({@link #catalogue}) only the
 * concepts. The map renderers (text, Markdown, Mermaid, HTML) all draw from this one model.
 */
public record MindMap(List<LayerNode> layers, boolean scanned) {

  /** A layer with its score and counts (null/empty when not scanned). */
  public record LayerNode(
      Layer layer, Integer score, Map<Severity, Integer> counts, List<AreaNode> areas) {
    public int findings() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** An area: the rules filed under it (evaluated ones when scanned) and its status. */
  public record AreaNode(
      Area area, List<RuleMetadata> rules, Integer score, Map<Severity, Integer> counts) {
    public String covers() {
      return MindMap.covers(area);
    }

    public int findings() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * False when no kube4c rule was evaluated (or exists) here: a score of 100 would mean nothing.
     */
    public boolean covered() {
      return !rules.isEmpty();
    }

    /** "score 67 · 2 low" (with {@code separator}), or "not covered by any evaluated rule". */
    public String status(String separator) {
      return covered()
          ? "score " + score + separator + MindMap.countsText(counts)
          : "no rule evaluated";
    }
  }

  /** The map with the status of a scan; an area's rules are the rules that scan evaluated. */
  public static MindMap of(ScanResult result) {
    Scores scores = result.scores();
    List<LayerNode> layers = new ArrayList<>();
    for (Layer layer : Layer.values()) {
      List<AreaNode> areas = new ArrayList<>();
      for (Area area : Area.of(layer)) {
        areas.add(
            new AreaNode(
                area,
                rulesIn(result.rules(), area),
                scores.areaScores().get(area),
                scores.areaCounts().get(area)));
      }
      layers.add(
          new LayerNode(
              layer,
              scores.layerScores().get(layer),
              scores.layerCounts().get(layer),
              List.copyOf(areas)));
    }
    return new MindMap(List.copyOf(layers), true);
  }

  /** The concepts only: tools and the catalogue's rules per area, no status. */
  public static MindMap catalogue(List<RuleMetadata> rules) {
    List<LayerNode> layers = new ArrayList<>();
    for (Layer layer : Layer.values()) {
      List<AreaNode> areas = new ArrayList<>();
      for (Area area : Area.of(layer)) {
        areas.add(new AreaNode(area, rulesIn(rules, area), null, Map.of()));
      }
      layers.add(new LayerNode(layer, null, Map.of(), List.copyOf(areas)));
    }
    return new MindMap(List.copyOf(layers), false);
  }

  private static List<RuleMetadata> rulesIn(List<RuleMetadata> rules, Area area) {
    return rules.stream().filter(r -> r.area() == area).toList();
  }

  /**
   * The severities with a non-zero count, most severe first, e.g. "2 critical, 1 low"; "no
   * findings" when none.
   */
  public static String countsText(Map<Severity, Integer> counts) {
    List<String> parts = new ArrayList<>();
    for (Severity severity : Severity.values()) {
      int n = counts.getOrDefault(severity, 0);
      if (n > 0) {
        parts.add(n + " " + severity.id());
      }
    }
    return parts.isEmpty() ? "no findings" : String.join(", ", parts);
  }

  /** What each area covers, from spec/MINDMAP.md. */
  public static String covers(Area area) {
    return COVERS.get(area);
  }

  /** The title of a layer as the mind map names it. */
  public static String layerTitle(Layer layer) {
    return switch (layer) {
      case CLOUD -> "Cloud: the provider's infrastructure and managed cluster";
      case CLUSTER -> "Cluster: the Kubernetes control plane and what runs on it";
      case CONTAINER -> "Container: the images and the way they run";
      case CODE -> "Code: the application's own attack surface";
    };
  }

  private static final Map<Area, String> COVERS = covers();

  private static Map<Area, String> covers() {
    Map<Area, String> map = new EnumMap<>(Area.class);
    map.put(
        Area.CLOUD_IDENTITY_ACCESS,
        "who can reach the cloud account and the cluster's admin credentials; IdP integration; Azure RBAC for Kubernetes authorization");
    map.put(
        Area.CLOUD_NETWORKING,
        "API server exposure, private clusters, node public IPs, network-policy engine");
    map.put(Area.CLOUD_STORAGE, "encryption of etcd secrets and disks, customer-managed keys");
    map.put(
        Area.CLOUD_COMPUTE, "node images, patching, shielded/confidential nodes, upgrade channels");
    map.put(Area.CLOUD_OPERATIONS, "audit and control-plane logs, threat detection, uptime");
    map.put(
        Area.CLOUD_APPLICATIONS,
        "provider policy and image admission add-ons, secret-store add-ons");
    map.put(
        Area.COMPONENTS,
        "kube-apiserver, controller-manager, scheduler, etcd, kubelet settings (CIS)");
    map.put(
        Area.AUTHENTICATION, "who can access: anonymous access, static tokens, client certs, IdP");
    map.put(Area.AUTHORIZATION, "what a User/Admin/ServiceAccount can do: RBAC");
    map.put(Area.SECRETS, "application secrets management");
    map.put(
        Area.POD_SECURITY,
        "Pod Security Standards (privileged, baseline, restricted) and their admission");
    map.put(Area.QOS, "Quality of Service for Pods: requests, limits, quotas");
    map.put(Area.NETWORK_POLICIES, "which pods may talk to which");
    map.put(Area.INGRESS_TLS, "TLS for Ingress and Gateway traffic");
    map.put(Area.VULNERABILITIES, "container vulnerability scanning and OS dependency security");
    map.put(Area.IMAGE_TRUST, "image signing and enforcement, provenance, registries, tags");
    map.put(
        Area.LEAST_PRIVILEGE,
        "disallow privileged users: root, privileged mode, capabilities, host access");
    map.put(Area.RUNTIME_ISOLATION, "container runtimes with stronger isolation");
    map.put(
        Area.EXPOSED_PORTS, "unnecessary ports, debug ports, public load balancers, host ports");
    map.put(Area.TLS_ONLY, "communication over TLS only, no plaintext backends");
    map.put(
        Area.WAF,
        "web application firewall in front of the cluster against injection, CSRF and other web attacks");
    map.put(Area.MTLS, "mutual TLS between pods instead of the flat pod network");
    for (Area area : Area.values()) {
      // An area added to the enum without a description would otherwise render "null".
      map.putIfAbsent(area, "");
    }
    return map;
  }
}
