package dev.kube4c.pss;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of upstream checks and, per level and policy version, the checks PSA runs: all
 * baseline checks of that version, plus for restricted the restricted ones, minus the baseline
 * checks a restricted check replaces. Computed once; immutable.
 */
public final class PssPolicy {

  /** Every upstream check with its rule id and PSA's forbidden reason. */
  public static final List<PssCheck> CHECKS =
      List.of(
          baseline(
              "appArmorProfile",
              "pss-baseline-apparmor",
              0,
              "forbidden AppArmor profile",
              BaselineChecks::appArmorProfile),
          baseline(
              "capabilities_baseline",
              "pss-baseline-capabilities",
              0,
              "non-default capabilities",
              BaselineChecks::capabilities),
          baseline(
              "hostNamespaces",
              "pss-baseline-host-namespaces",
              0,
              "host namespaces",
              BaselineChecks::hostNamespaces),
          baseline(
              "hostPathVolumes",
              "pss-baseline-host-path-volumes",
              0,
              "hostPath volumes",
              BaselineChecks::hostPathVolumes),
          baseline(
              "hostPorts", "pss-baseline-host-ports", 0, "hostPort", BaselineChecks::hostPorts),
          baseline(
              "hostProbesAndHostLifecycle",
              "pss-baseline-host-probes-lifecycle",
              34,
              "probe or lifecycle host",
              BaselineChecks::hostProbesAndHostLifecycle),
          baseline(
              "privileged", "pss-baseline-privileged", 0, "privileged", BaselineChecks::privileged),
          baseline(
              "procMount", "pss-baseline-proc-mount", 0, "procMount", BaselineChecks::procMount),
          baseline(
              "seLinuxOptions",
              "pss-baseline-selinux",
              0,
              "seLinuxOptions",
              BaselineChecks::seLinuxOptions),
          baseline(
              "seccompProfile_baseline",
              "pss-baseline-seccomp",
              0,
              "seccompProfile",
              BaselineChecks::seccompProfile),
          baseline(
              "sysctls", "pss-baseline-sysctls", 0, "forbidden sysctls", BaselineChecks::sysctls),
          baseline(
              "windowsHostProcess",
              "pss-baseline-windows-host-process",
              0,
              "hostProcess",
              BaselineChecks::windowsHostProcess),
          restricted(
              "allowPrivilegeEscalation",
              "pss-restricted-privilege-escalation",
              8,
              null,
              "allowPrivilegeEscalation != false",
              RestrictedChecks::allowPrivilegeEscalation),
          restricted(
              "capabilities_restricted",
              "pss-restricted-capabilities",
              22,
              "capabilities_baseline",
              "unrestricted capabilities",
              RestrictedChecks::capabilities),
          restricted(
              "procMount_restricted",
              "pss-restricted-proc-mount",
              35,
              "procMount",
              "procMount",
              BaselineChecks::procMountStrict),
          restricted(
              "restrictedVolumes",
              "pss-restricted-volume-types",
              0,
              "hostPathVolumes",
              "restricted volume types",
              RestrictedChecks::volumeTypes),
          restricted(
              "runAsNonRoot",
              "pss-restricted-run-as-non-root",
              0,
              null,
              "runAsNonRoot != true",
              RestrictedChecks::runAsNonRoot),
          restricted(
              "runAsUser",
              "pss-restricted-run-as-user",
              23,
              null,
              "runAsUser=0",
              RestrictedChecks::runAsUser),
          restricted(
              "seccompProfile_restricted",
              "pss-restricted-seccomp",
              19,
              "seccompProfile_baseline",
              "seccompProfile",
              RestrictedChecks::seccompProfile));

  private static final List<List<PssCheck>> BASELINE = table(PssLevel.BASELINE);
  private static final List<List<PssCheck>> RESTRICTED = table(PssLevel.RESTRICTED);

  private PssPolicy() {}

  /** The checks PSA evaluates at this level and version, baseline ones first, each group by id. */
  public static List<PssCheck> checks(PssLevel level, PssVersion version) {
    int minor = version.effectiveMinor();
    return switch (level) {
      case PRIVILEGED -> List.of();
      case BASELINE -> BASELINE.get(minor);
      case RESTRICTED -> RESTRICTED.get(minor);
    };
  }

  public static Optional<PssCheck> check(String id) {
    return CHECKS.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /**
   * The check that decides what {@code id} covers at this level and version: the check itself, or
   * the restricted check that replaces it. Empty when neither exists then.
   */
  public static Optional<PssCheck> effective(String id, PssLevel level, PssVersion version) {
    List<PssCheck> active = checks(level, version);
    for (PssCheck c : active) {
      if (c.id().equals(id) || id.equals(c.overrides())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private static List<List<PssCheck>> table(PssLevel level) {
    List<List<PssCheck>> byMinor = new ArrayList<>();
    for (int minor = 0; minor <= PssVersion.NEWEST_MINOR; minor++) {
      int m = minor;
      List<PssCheck> restricted =
          CHECKS.stream().filter(c -> c.level() == PssLevel.RESTRICTED && c.existsAt(m)).toList();
      Set<String> replaced = new HashSet<>();
      restricted.forEach(c -> replaced.add(c.overrides()));
      List<PssCheck> active = new ArrayList<>();
      for (PssCheck c : CHECKS) {
        if (c.level() == PssLevel.BASELINE
            && c.existsAt(m)
            && (level == PssLevel.BASELINE || !replaced.contains(c.id()))) {
          active.add(c);
        }
      }
      if (level == PssLevel.RESTRICTED) {
        active.addAll(restricted);
      }
      active.sort(Comparator.comparing((PssCheck c) -> c.level()).thenComparing(PssCheck::id));
      byMinor.add(List.copyOf(active));
    }
    return List.copyOf(byMinor);
  }

  private static PssCheck baseline(
      String id, String ruleId, int since, String reason, PssCheck.Evaluation evaluation) {
    return new PssCheck(id, ruleId, PssLevel.BASELINE, since, null, reason, evaluation);
  }

  private static PssCheck restricted(
      String id,
      String ruleId,
      int since,
      String overrides,
      String reason,
      PssCheck.Evaluation evaluation) {
    return new PssCheck(id, ruleId, PssLevel.RESTRICTED, since, overrides, reason, evaluation);
  }
}
