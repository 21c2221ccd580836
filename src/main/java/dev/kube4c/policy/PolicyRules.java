package dev.kube4c.policy;

import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.Rule;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.Location;
import dev.kube4c.source.SourceLoader;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one place where ValidatingAdmissionPolicies become rules, for {@code scan}, {@code scan
 * --cluster}, {@code rules}, {@code test} and {@code serve} alike: add the result to the catalogue
 * with {@link dev.kube4c.rules.RuleCatalogue#with(List)}. CEL is loaded only when a policy is
 * actually given.
 */
public final class PolicyRules {

  private PolicyRules() {}

  /** The rules of the policies read, and what was wrong with the policy inputs. */
  public record Loaded(List<Rule> rules, List<InputProblem> problems) {
    public Loaded {
      rules = List.copyOf(rules);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Reads policies and bindings from files and folders (as {@code scan} reads manifests); other
   * objects there serve as parameters.
   */
  public static Loaded load(List<String> paths, InputStream stdin) {
    if (paths.isEmpty()) {
      return new Loaded(List.of(), List.of());
    }
    SourceLoader.Loaded read = new SourceLoader(stdin).load(paths);
    List<InputProblem> problems = new ArrayList<>(read.problems());
    Inventory objects = Inventory.of(read.documents(), List.of());
    if (!objects.hasKind(PolicyLoader.POLICY_KIND)) {
      problems.add(
          new InputProblem(
              Location.of(String.join(", ", paths)),
              "no ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1) found in the policy"
                  + " input"));
      return new Loaded(List.of(), problems);
    }
    return fromObjects(objects.resources(), problems);
  }

  /** The rules of the policies among these objects. */
  public static Loaded fromObjects(List<Resource> objects, List<InputProblem> problems) {
    List<InputProblem> all = new ArrayList<>(problems);
    PolicySet set = PolicySet.of(objects, all);
    List<Rule> rules = PolicyRule.of(set, all);
    return new Loaded(rules, all);
  }

  /**
   * The rules of the policies found among scanned objects, except those whose rules are already in
   * the catalogue ({@code knownIds}: given by --policy too). Empty, without loading CEL, when the
   * inventory holds no policy.
   */
  public static Loaded fromInventory(Inventory inventory, Set<String> knownIds) {
    if (!inventory.hasKind(PolicyLoader.POLICY_KIND)) {
      return new Loaded(List.of(), List.of());
    }
    List<Resource> objects = new ArrayList<>();
    for (Resource r : inventory.resources()) {
      if (PolicyLoader.isPolicyObject(r)) {
        String policy =
            r.kind().equals(PolicyLoader.POLICY_KIND)
                ? r.name()
                : r.spec().path("policyName").asText();
        if (!knownIds.contains(policy + "/0")) {
          objects.add(r);
        }
      }
    }
    if (objects.stream().noneMatch(r -> r.kind().equals(PolicyLoader.POLICY_KIND))) {
      return new Loaded(List.of(), List.of());
    }
    return fromObjects(objects, List.of());
  }
}
