package dev.kube4c.rules.cloud;

/** Where the provider benchmarks live; each cloud rule lists the control ids it maps to. */
final class CloudFrameworks {
  static final String AKS_BASELINE = "https://learn.microsoft.com/security/benchmark/azure/baselines/azure-kubernetes-service-aks-security-baseline";
  static final String CIS_AKS = "https://www.cisecurity.org/benchmark/kubernetes (CIS Azure Kubernetes Service Benchmark)";
  static final String CIS_EKS = "https://www.cisecurity.org/benchmark/kubernetes (CIS Amazon EKS Benchmark)";
  static final String CIS_GKE = "https://www.cisecurity.org/benchmark/kubernetes (CIS GKE Benchmark)";

  private CloudFrameworks() {}
}
