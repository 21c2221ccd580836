package dev.kube4c.rules.cloud;

import dev.kube4c.cloud.CloudCluster;
import dev.kube4c.cloud.Setting;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import java.util.List;

/** The control plane runs a Kubernetes minor older than the configured minimum. */
public final class CloudKubernetesVersionUnsupported extends CloudRule {

  /** The newest Kubernetes minor kube4c knows of; the default minimum is three minors behind it. */
  public static final int NEWEST_KNOWN_MINOR = 35;

  public static final String DEFAULT_MINIMUM = "1." + (NEWEST_KNOWN_MINOR - 3);

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("cloud-kubernetes-version-unsupported")
          .title("Kubernetes version older than the supported minimum")
          .area(Area.CLOUD_COMPUTE)
          .severity(Severity.HIGH)
          .rationale(
              "Kubernetes supports the three newest minors; older clusters get no security fixes, and the providers move them to paid extended support or upgrade them forcibly. Known API server and kubelet vulnerabilities stay open.")
          .remediation(
              "Upgrade the control plane (and then the node pools) one minor at a time to a supported version, and enable an automatic upgrade channel.")
          .references(
              "https://kubernetes.io/releases/version-skew-policy/",
              "https://learn.microsoft.com/azure/aks/supported-kubernetes-versions",
              "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html",
              "https://cloud.google.com/kubernetes-engine/versioning",
              "MCSB PV-6")
          .frameworks(Frameworks.NONE.withCks(Frameworks.Cks.SYSTEM_HARDENING))
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  protected void aks(CloudCluster c, RuleContext context, List<String> problems) {
    check(c, context, problems);
  }

  @Override
  protected void eks(CloudCluster c, RuleContext context, List<String> problems) {
    check(c, context, problems);
  }

  @Override
  protected void gke(CloudCluster c, RuleContext context, List<String> problems) {
    check(c, context, problems);
  }

  private static void check(CloudCluster c, RuleContext context, List<String> problems) {
    Setting version = c.setting("kubernetesVersion");
    int minor = minor(version.text());
    String configured = context.config().minimumKubernetesVersion();
    String minimum = configured == null || minor(configured) < 0 ? DEFAULT_MINIMUM : configured;
    if (minor >= 0 && minor < minor(minimum)) {
      problems.add(
          version.describe()
              + ", older than the minimum "
              + minimum
              + (configured == null
                  ? " (built-in default; set minimumKubernetesVersion)"
                  : " (minimumKubernetesVersion)"));
    }
  }

  /** The minor of "1.29", "v1.29.4", "1.29.4-gke.1043002"; -1 when it is not a 1.x version. */
  static int minor(String version) {
    String v = version.startsWith("v") ? version.substring(1) : version;
    String[] parts = v.split("[.\\-]");
    if (parts.length < 2 || !parts[0].equals("1")) {
      return -1;
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
