package dev.kube4c.rules.pss;

import dev.kube4c.inventory.Workload;
import dev.kube4c.pss.PssCheck;
import dev.kube4c.pss.PssPolicy;
import dev.kube4c.pss.PssResult;
import dev.kube4c.pss.PssSettings;
import dev.kube4c.pss.PssVerdicts;
import dev.kube4c.pss.PssViolation;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A rule for one upstream Pod Security check. It runs only when a level is asked for and PSA would
 * run the check at that level and version (a restricted check may replace a baseline one), and
 * reports one finding per container (pod-level fields: one on the workload) with every forbidden
 * value.
 */
public abstract class PssCheckRule implements Rule {

  private final PssCheck check;
  private final RuleMetadata metadata;

  protected PssCheckRule(String checkId, RuleMetadata metadata) {
    this.check =
        PssPolicy.check(checkId)
            .orElseThrow(() -> new IllegalArgumentException("no upstream check " + checkId));
    if (!check.ruleId().equals(metadata.id())) {
      throw new IllegalArgumentException(metadata.id() + " does not report " + checkId);
    }
    this.metadata = metadata;
  }

  @Override
  public RuleMetadata metadata() {
    return metadata;
  }

  @Override
  public boolean isActive(RuleContext context) {
    return PssSettings.requested(context.config())
        .map(s -> PssPolicy.checks(s.level(), s.version()).contains(check))
        .orElse(false);
  }

  @Override
  public void check(RuleContext context, FindingSink sink) {
    PssSettings settings = PssSettings.requested(context.config()).orElse(null);
    if (settings == null) {
      return;
    }
    String policy =
        " - forbidden by Pod Security \"" + settings.level() + ":" + settings.version() + "\"";
    PssVerdicts verdicts = PssVerdicts.of(context.inventory(), settings);
    List<Workload> workloads = context.inventory().workloads();
    for (int i = 0; i < workloads.size(); i++) {
      for (PssResult.Failure failure : verdicts.result(i).failures()) {
        if (failure.check() == check) {
          report(workloads.get(i), failure.violations(), policy, sink);
        }
      }
    }
  }

  private static void report(
      Workload workload, List<PssViolation> violations, String policy, FindingSink sink) {
    Map<String, List<PssViolation>> byContainer = new LinkedHashMap<>();
    for (PssViolation v : violations) {
      byContainer.computeIfAbsent(v.container(), k -> new ArrayList<>()).add(v);
    }
    for (Map.Entry<String, List<PssViolation>> e : byContainer.entrySet()) {
      String message =
          e.getValue().stream().map(PssViolation::message).collect(Collectors.joining("; "))
              + policy;
      var resource = workload.resource();
      sink.report(
          e.getKey() == null ? resource.ref() : resource.ref(e.getKey()),
          resource.location(),
          message,
          null);
    }
  }
}
