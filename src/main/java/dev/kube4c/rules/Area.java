package dev.kube4c.rules;

import java.util.Arrays;
import java.util.List;

/** The areas of the 4C mind map (spec/MINDMAP.md); each belongs to one layer. */
public enum Area {
  CLOUD_IDENTITY_ACCESS(Layer.CLOUD, "identity-access", "Entra ID (AAD), IAM, workload identity"),
  CLOUD_NETWORKING(
      Layer.CLOUD,
      "networking",
      "private cluster, authorized IP ranges, Azure CNI / Calico / Cilium"),
  CLOUD_STORAGE(Layer.CLOUD, "storage", "KMS / Key Vault"),
  CLOUD_COMPUTE(Layer.CLOUD, "compute", "auto-upgrade, node OS channels"),
  CLOUD_OPERATIONS(
      Layer.CLOUD,
      "operations",
      "Defender for Containers, GKE security posture, CloudWatch/Log Analytics"),
  CLOUD_APPLICATIONS(
      Layer.CLOUD, "applications", "Azure Policy, Binary Authorization, Key Vault CSI provider"),
  COMPONENTS(Layer.CLUSTER, "components", "kube-bench-style audits, kubeadm hardening"),
  AUTHENTICATION(Layer.CLUSTER, "authentication", "OIDC, short-lived tokens"),
  AUTHORIZATION(Layer.CLUSTER, "authorization", "RBAC least privilege, who-can analysis"),
  SECRETS(
      Layer.CLUSTER,
      "secrets",
      "external secret stores, CSI secret providers, sealed secrets, encryption at rest"),
  POD_SECURITY(Layer.CLUSTER, "pod-security", "Pod Security Admission, policy engines"),
  QOS(Layer.CLUSTER, "qos", "LimitRange, ResourceQuota"),
  NETWORK_POLICIES(
      Layer.CLUSTER, "network-policies", "NetworkPolicy, default deny, CNI enforcement"),
  INGRESS_TLS(Layer.CLUSTER, "ingress-tls", "cert-manager, TLS redirects"),
  VULNERABILITIES(Layer.CONTAINER, "vulnerabilities", "SBOMs, vulnerability databases (OSV)"),
  IMAGE_TRUST(
      Layer.CONTAINER, "image-trust", "cosign / sigstore, admission enforcement, digest pinning"),
  LEAST_PRIVILEGE(Layer.CONTAINER, "least-privilege", "securityContext, Pod Security Standards"),
  RUNTIME_ISOLATION(
      Layer.CONTAINER,
      "runtime-isolation",
      "RuntimeClass with gVisor or Kata Containers, seccomp, AppArmor"),
  EXPOSED_PORTS(Layer.CODE, "exposed-ports", "Service hygiene, internal load balancers"),
  TLS_ONLY(Layer.CODE, "tls-only", "TLS termination, redirects"),
  WAF(Layer.CODE, "waf", "Application Gateway WAF, ModSecurity + OWASP CRS"),
  MTLS(
      Layer.CODE,
      "mtls",
      "Istio (PeerAuthentication STRICT, DestinationRules, AuthorizationPolicies)");

  private final Layer layer;
  private final String id;
  private final String tools;

  Area(Layer layer, String id, String tools) {
    this.layer = layer;
    this.id = id;
    this.tools = tools;
  }

  public Layer layer() {
    return layer;
  }

  public String id() {
    return id;
  }

  /** The tools that prevent or mitigate attacks in this area, from the mind map. */
  public String tools() {
    return tools;
  }

  public static List<Area> of(Layer layer) {
    return Arrays.stream(values()).filter(a -> a.layer == layer).toList();
  }
}
