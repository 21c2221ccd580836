package dev.kube4c.rbac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to {@code who-can}: every subject whose grants allow the access, each with the binding
 * → role → rule paths and the workloads that run as it.
 */
public final class WhoCan {

  /** One subject that may perform the access. */
  public record Entry(Subject subject, List<Grant> grants, List<String> workloads) {
    public Entry {
      grants = List.copyOf(grants);
      workloads = List.copyOf(workloads);
    }
  }

  private WhoCan() {}

  public static List<Entry> ask(RbacModel model, Access access) {
    Map<Subject, List<Grant>> bySubject = new LinkedHashMap<>();
    for (Grant grant : model.whoCan(access)) {
      bySubject.computeIfAbsent(grant.subject(), s -> new ArrayList<>()).add(grant);
    }
    List<Entry> entries = new ArrayList<>();
    bySubject.forEach(
        (subject, grants) -> {
          List<String> workloads = new ArrayList<>();
          model.workloadsOf(subject).stream()
              .map(w -> w.resource().display())
              .distinct()
              .forEach(workloads::add);
          if (access.namespace() != null && !subject.isServiceAccount()) {
            workloads.removeIf(w -> !w.contains("/" + access.namespace() + "/"));
          }
          entries.add(new Entry(subject, grants, workloads));
        });
    return entries;
  }
}
