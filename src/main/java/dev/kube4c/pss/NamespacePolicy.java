package dev.kube4c.pss;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Pod Security admission policy of a namespace, read from its labels as upstream's
 * PolicyToEvaluate does: unlabelled modes are privileged:latest; an unknown enforce level fails
 * closed (restricted), unknown warn/audit levels fail open (privileged); an unknown version is
 * latest; warn follows a stricter enforce level when it is not set itself.
 */
public record NamespacePolicy(Mode enforce, Mode warn, Mode audit, List<String> labelErrors) {

  public static final String PREFIX = "pod-security.kubernetes.io/";
  public static final String ENFORCE = PREFIX + "enforce";

  /** One mode's level and version. */
  public record Mode(PssLevel level, PssVersion version) {
    static final Mode PRIVILEGED = new Mode(PssLevel.PRIVILEGED, PssVersion.LATEST);

    public boolean enforcing() {
      return level != PssLevel.PRIVILEGED;
    }

    @Override
    public String toString() {
      return level + ":" + version;
    }
  }

  public NamespacePolicy {
    labelErrors = List.copyOf(labelErrors);
  }

  public static NamespacePolicy of(Map<String, String> labels) {
    List<String> errors = new ArrayList<>();
    Mode enforce = Mode.PRIVILEGED;
    Mode warn = Mode.PRIVILEGED;
    Mode audit = Mode.PRIVILEGED;
    boolean enforceLevelSet = false;
    if (labels.containsKey(ENFORCE)) {
      PssLevel level = level(labels, "enforce", PssLevel.RESTRICTED, errors);
      enforceLevelSet = PssLevel.parse(labels.get(ENFORCE)).isPresent();
      enforce = new Mode(level, enforce.version());
    }
    enforce = withVersion(enforce, labels, "enforce", errors);
    if (labels.containsKey(PREFIX + "audit")) {
      audit = new Mode(level(labels, "audit", PssLevel.PRIVILEGED, errors), audit.version());
    }
    audit = withVersion(audit, labels, "audit", errors);
    boolean warnLevelSet = labels.containsKey(PREFIX + "warn");
    if (warnLevelSet) {
      warn = new Mode(level(labels, "warn", PssLevel.PRIVILEGED, errors), warn.version());
    }
    warn = withVersion(warn, labels, "warn", errors);
    if (!warnLevelSet && enforceLevelSet && enforce.level().compareTo(warn.level()) > 0) {
      warn =
          new Mode(
              enforce.level(),
              labels.containsKey(PREFIX + "warn-version") ? warn.version() : enforce.version());
    }
    return new NamespacePolicy(enforce, warn, audit, errors);
  }

  private static PssLevel level(
      Map<String, String> labels, String mode, PssLevel onError, List<String> errors) {
    String value = labels.get(PREFIX + mode);
    return PssLevel.parse(value)
        .orElseGet(
            () -> {
              errors.add(
                  PREFIX
                      + mode
                      + "=\""
                      + value
                      + "\" is not privileged, baseline or restricted (PSA uses "
                      + onError
                      + ")");
              return onError;
            });
  }

  private static Mode withVersion(
      Mode mode, Map<String, String> labels, String name, List<String> errors) {
    String key = PREFIX + name + "-version";
    if (!labels.containsKey(key)) {
      return mode;
    }
    String value = labels.get(key);
    PssVersion version =
        PssVersion.parse(value)
            .orElseGet(
                () -> {
                  errors.add(key + "=\"" + value + "\" is not v1.N or latest (PSA uses latest)");
                  return PssVersion.LATEST;
                });
    return new Mode(mode.level(), version);
  }
}
