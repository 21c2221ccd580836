package dev.kube4c.rules.rbac;

import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.Workload;
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
    List<Workload> workloads = model.workloadsOf(subject);
    if (workloads.isEmpty()) {
      return subject.isServiceAccount() ? " (no scanned workload runs as it)" : "";
    }
    // The first names in sorted order, so that messages do not depend on input order; a bounded
    // set keeps this O(n log MAX) for a ServiceAccount group standing for thousands of workloads,
    // and only the names kept are built as strings.
    java.util.TreeSet<Resource> kept = new java.util.TreeSet<>(BY_NAME);
    for (Workload workload : workloads) {
      kept.add(workload.resource());
      if (kept.size() > MAX_LISTED) {
        kept.pollLast();
      }
    }
    List<String> names = kept.stream().map(Resource::display).toList();
    int more = workloads.size() - names.size();
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
