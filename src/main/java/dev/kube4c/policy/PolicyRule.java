package dev.kube4c.policy;

import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Layer;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.InputProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One validation of a ValidatingAdmissionPolicy as a rule of the catalogue, with the id {@code
 * POLICY/INDEX}. Its findings carry the message the API server would give; what concerns the whole
 * policy (a missing parameter, a failing match condition) is reported by validation 0. Parameters
 * and Namespaces are read from the object's part of the inventory and the cluster-wide one, so the
 * rule runs a namespace at a time like any other.
 */
public final class PolicyRule implements Rule {

  static final String LAYER = "kube4c.dev/layer";
  static final String AREA = "kube4c.dev/area";
  static final String SEVERITY = "kube4c.dev/severity";

  private final PolicySet set;
  private final PolicySet.Bound bound;
  private final int policyIndex;
  private final int index;
  private final RuleMetadata metadata;
  private final Severity annotated;

  private PolicyRule(
      PolicySet set, int policyIndex, int index, RuleMetadata metadata, Severity annotated) {
    this.set = set;
    this.bound = set.all().get(policyIndex);
    this.policyIndex = policyIndex;
    this.index = index;
    this.metadata = metadata;
    this.annotated = annotated;
  }

  /**
   * One rule per validation of each policy of the set (one for a policy with audit annotations
   * only).
   */
  static List<Rule> of(PolicySet set, List<InputProblem> problems) {
    List<Rule> rules = new ArrayList<>();
    for (int p = 0; p < set.all().size(); p++) {
      Policy policy = set.all().get(p).policy().policy();
      Severity severity = severity(policy, problems);
      Area area = area(policy, problems);
      int count = Math.max(1, policy.validations().size());
      for (int i = 0; i < count; i++) {
        rules.add(new PolicyRule(set, p, i, metadata(policy, i, area, severity), severity));
      }
    }
    return rules;
  }

  @Override
  public RuleMetadata metadata() {
    return metadata;
  }

  /** The actions of the policy's bindings: Deny, Warn and/or Audit, for admission. */
  public Set<String> validationActions() {
    Set<String> actions = new LinkedHashSet<>();
    bound.bindings().forEach(b -> actions.addAll(b.validationActions()));
    return actions;
  }

  @Override
  public void check(RuleContext context, FindingSink sink) {
    // Every policy of the set is evaluated in one pass over the objects; each rule reports its
    // validation's failures from that pass.
    PolicyBatch batch = PolicyBatch.of(set, context.inventory(), context.request());
    List<Resource> objects = context.inventory().resources();
    for (int i : batch.failingObjects(policyIndex)) {
      report(objects.get(i), batch.failures(i, policyIndex), sink);
    }
  }

  private void report(Resource object, List<PolicyEvaluator.Outcome> outcomes, FindingSink sink) {
    for (int b = 0; b < outcomes.size(); b++) {
      Binding binding = bound.bindings().get(b);
      for (Verdict verdict : outcomes.get(b).verdicts()) {
        if (!verdict.passed()
            && (verdict.validation() == index || (index == 0 && verdict.validation() < 0))) {
          sink.report(object.ref(), object.location(), verdict.message(), severityFor(binding));
        }
      }
    }
  }

  /** The annotated severity; else high for Deny, medium for Warn and low for Audit alone. */
  private Severity severityFor(Binding binding) {
    if (annotated != null) {
      return annotated;
    }
    return binding.denies() ? Severity.HIGH : binding.warns() ? Severity.MEDIUM : Severity.LOW;
  }

  private static RuleMetadata metadata(Policy policy, int index, Area area, Severity severity) {
    Policy.Validation validation =
        index < policy.validations().size() ? policy.validations().get(index) : null;
    String expression =
        validation == null ? "(audit annotations only)" : validation.expression().text().strip();
    String title =
        validation != null && validation.message() != null && !validation.message().isBlank()
            ? validation.message()
            : policy.name() + ": " + abbreviate(expression);
    String source =
        policy.resource().location() == null ? "" : " (" + policy.resource().location() + ")";
    return RuleMetadata.rule(policy.name() + "/" + index)
        .title(title)
        .area(area)
        .severity(severity == null ? Severity.HIGH : severity)
        .rationale(
            policy
                .annotations()
                .getOrDefault(
                    "kube4c.dev/rationale",
                    "ValidatingAdmissionPolicy "
                        + policy.name()
                        + source
                        + ", validation "
                        + index
                        + ": "
                        + expression))
        .remediation(
            policy
                .annotations()
                .getOrDefault(
                    "kube4c.dev/remediation",
                    "Change the object so that this holds: " + expression))
        .build();
  }

  private static String abbreviate(String text) {
    String line = text.replaceAll("\\s+", " ");
    return line.length() <= 100 ? line : line.substring(0, 97) + "...";
  }

  private static Severity severity(Policy policy, List<InputProblem> problems) {
    String text = policy.annotations().get(SEVERITY);
    if (text == null) {
      return null;
    }
    try {
      return Severity.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(
          PolicyLoader.problem(
              policy.resource(),
              "ValidatingAdmissionPolicy "
                  + policy.name()
                  + ": annotation "
                  + SEVERITY
                  + " must be critical, high, medium, low or info, not '"
                  + text
                  + "'"));
      return null;
    }
  }

  /**
   * The annotated area (and layer); by default cluster / pod-security, where admission policy
   * engines are.
   */
  private static Area area(Policy policy, List<InputProblem> problems) {
    String layerText = policy.annotations().get(LAYER);
    String areaText = policy.annotations().get(AREA);
    Layer layer = null;
    if (layerText != null) {
      try {
        layer = Layer.parse(layerText);
      } catch (IllegalArgumentException e) {
        problems.add(
            PolicyLoader.problem(
                policy.resource(),
                "ValidatingAdmissionPolicy "
                    + policy.name()
                    + ": annotation "
                    + LAYER
                    + " must be cloud, cluster, container or code, not '"
                    + layerText
                    + "'"));
      }
    }
    if (areaText != null) {
      for (Area area : Area.values()) {
        if (area.id().equals(areaText.strip()) && (layer == null || area.layer() == layer)) {
          return area;
        }
      }
      problems.add(
          PolicyLoader.problem(
              policy.resource(),
              "ValidatingAdmissionPolicy "
                  + policy.name()
                  + ": annotation "
                  + AREA
                  + " '"
                  + areaText
                  + "' is no area"
                  + (layer == null ? "" : " of layer " + layer.id())
                  + " (see kube4c map)"));
    }
    return layer == null ? Area.POD_SECURITY : Area.of(layer).get(0);
  }
}
