package dev.kube4c.rules.cloud;

/**
 * The AKS security baseline (Microsoft cloud security benchmark); rules list its control ids (MCSB
 * XX-n) in their references.
 */
final class CloudFrameworks {
  static final String AKS_BASELINE =
      "https://learn.microsoft.com/security/benchmark/azure/baselines/azure-kubernetes-service-aks-security-baseline";

  private CloudFrameworks() {}
}
