package dev.kube4c.rules.rbac;

import dev.kube4c.inventory.Resource;
import dev.kube4c.rbac.Binding;
import dev.kube4c.rbac.RbacModel;
import dev.kube4c.rbac.Role;
import dev.kube4c.rbac.SourcedRule;
import dev.kube4c.rbac.Subject;
import java.util.ArrayList;
import java.util.List;

/** The wording that every RBAC finding shares: subjects with their workloads, and rule paths. */
final class RbacText {

  private static final int MAX_LISTED = 5;

  /** The order of {@link Resource#display()}, field by field. */
  private static final java.util.Comparator<Resource> BY_NAME =
      java.util.Comparator.comparing(Resource::kind)
          .thenComparing(Resource::namespace, java.util.Comparator.nullsFirst(String::compareTo))
          .thenComparing(Resource::name);

  private RbacText() {}

  /**
   * The binding's subjects that findings are about: control-plane system: identities are left out.
   */
  static List<Subject> reportable(Binding binding) {
    return binding.subjects().stream().filter(s -> !s.isSystemBuiltIn()).distinct().toList();
  }

  /** {@code ServiceAccount/ns/a (runs Deployment/ns/x), Group/g}. */
  static String subjects(RbacModel model, List<Subject> subjects) {
    List<String> parts = new ArrayList<>();
    for (Subject subject : subjects) {
      parts.add(subject.display() + workloads(model, subject));
    }
    return limited(parts);
  }

  private static String workloads(RbacModel model, Subject subject) {
    // The first names in sorted order, so that messages do not depend on input order.
    RbacModel.WorkloadSample sample = model.sampleOf(subject, MAX_LISTED, BY_NAME);
    if (sample.total() == 0) {
      return subject.isServiceAccount() ? " (no scanned workload runs as it)" : "";
    }
    List<String> names = sample.first().stream().map(Resource::display).toList();
    int more = sample.total() - names.size();
    return " (runs " + String.join(", ", names) + (more > 0 ? " and " + more + " more" : "") + ")";
  }

  /**
   * {@code ClusterRole/x rules[1] (verbs [...], ...)}: the first matching rule quoted in full, the
   * others by path; rules aggregated from another ClusterRole are named {@code via} it.
   */
  static String rules(Role role, List<SourcedRule> rules) {
    List<String> parts = new ArrayList<>();
    for (SourcedRule rule : rules) {
      String where =
          rule.origin().equals(role.display())
              ? "rules[" + rule.index() + "]"
              : "via " + rule.path();
      parts.add(parts.isEmpty() ? where + " (" + rule.rule().describe() + ")" : where);
    }
    String first = parts.get(0);
    return role.describe()
        + " "
        + first
        + (parts.size() > 1 ? "; also " + limited(parts.subList(1, parts.size())) : "");
  }

  static String limited(List<String> items) {
    if (items.size() <= MAX_LISTED) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, MAX_LISTED))
        + " and "
        + (items.size() - MAX_LISTED)
        + " more";
  }
}
