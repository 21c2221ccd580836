package dev.kube4c.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Labels;
import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.Workload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Effective RBAC permissions of one scan: Roles and ClusterRoles (aggregation resolved, Kubernetes
 * defaults filled in), bindings, and the grants they make to each subject, with the workloads that
 * run as each ServiceAccount. Everything is indexed once (by name, by label, by subject, by
 * ServiceAccount), so building and querying are linear in the size of the input.
 */
public final class RbacModel {

  private static final Comparator<Grant> GRANT_ORDER =
      Comparator.comparing(Grant::subject)
          .thenComparing(g -> g.binding().resource().kind())
          .thenComparing(
              g -> g.binding().namespace(), Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(g -> g.binding().resource().name());

  private final Map<String, Role> clusterRoles;
  private final Map<String, Role> roles;

  /**
   * Second and later definitions of a role name, from other files (overlays, one manifest per
   * version). A cluster keeps one object per name and bindings resolve to the first; each file's
   * definition is still judged on its own rules.
   */
  private final List<Role> shadowed = new ArrayList<>();

  private final List<Binding> bindings;
  private final Map<String, List<Binding>> bindingsByRole = new HashMap<>();
  private final Map<Subject, List<Binding>> bindingsBySubject = new HashMap<>();
  private final Map<String, List<Workload>> workloadsByAccount = new HashMap<>();
  private final Map<SampleKey, WorkloadSample> samples = new ConcurrentHashMap<>();
  private final Inventory inventory;

  private RbacModel(Inventory inventory) {
    this.inventory = inventory;
    this.clusterRoles = resolveClusterRoles(inventory, shadowed);
    Map<String, Role> namespaced = new HashMap<>();
    for (Resource role : inventory.ofKind("Role")) {
      List<SourcedRule> rules =
          ownRules(role.object(), display("Role", role.effectiveNamespace(), role.name()));
      Role model =
          new Role(
              "Role", role.effectiveNamespace(), role.name(), role.labels(), rules, false, role);
      if (namespaced.putIfAbsent(role.effectiveNamespace() + "/" + role.name(), model) != null) {
        shadowed.add(model);
      }
    }
    this.roles = namespaced;
    List<Binding> all = new ArrayList<>();
    for (String kind : List.of("ClusterRoleBinding", "RoleBinding")) {
      for (Resource resource : inventory.ofKind(kind)) {
        Binding binding = Binding.of(resource);
        all.add(binding);
        bindingsByRole.computeIfAbsent(roleKey(binding), k -> new ArrayList<>()).add(binding);
        for (Subject subject : new HashSet<>(binding.subjects())) {
          bindingsBySubject.computeIfAbsent(subject, k -> new ArrayList<>()).add(binding);
        }
      }
    }
    this.bindings = List.copyOf(all);
    for (Workload workload : inventory.workloads()) {
      workloadsByAccount
          .computeIfAbsent(
              workload.namespace() + "/" + serviceAccountOf(workload), k -> new ArrayList<>())
          .add(workload);
    }
  }

  /** The model of the inventory, built once and shared by every RBAC rule of a scan. */
  public static RbacModel of(Inventory inventory) {
    return inventory.derived(RbacModel.class, RbacModel::new);
  }

  /**
   * The ServiceAccount a pod runs as: serviceAccountName, the deprecated serviceAccount, or
   * "default".
   */
  public static String serviceAccountOf(Workload workload) {
    String name = workload.podSpec().path("serviceAccountName").asText("");
    if (name.isEmpty()) {
      name = workload.podSpec().path("serviceAccount").asText("");
    }
    return name.isEmpty() ? "default" : name;
  }

  // ---- roles ----

  private static Map<String, Role> resolveClusterRoles(Inventory inventory, List<Role> shadowed) {
    Map<String, ObjectNode> raw = new LinkedHashMap<>();
    Map<String, Resource> scanned = new HashMap<>();
    List<Resource> later = new ArrayList<>();
    for (ObjectNode role : DefaultRoles.clusterRoles()) {
      raw.put(role.path("metadata").path("name").asText(), role);
    }
    for (Resource role : inventory.ofKind("ClusterRole")) {
      if (!scanned.containsKey(role.name())) {
        raw.put(
            role.name(), role.object()); // a scanned role replaces the bundled default of that name
        scanned.put(role.name(), role);
      } else {
        later.add(role);
      }
    }
    // Index by label pair so that each aggregation selector only looks at candidate roles.
    Map<String, List<String>> byLabel = new HashMap<>();
    raw.forEach(
        (name, object) ->
            Labels.of(object.path("metadata").path("labels"))
                .forEach(
                    (k, v) ->
                        byLabel.computeIfAbsent(k + "=" + v, x -> new ArrayList<>()).add(name)));
    Map<String, Role> resolved = new HashMap<>();
    for (String name : raw.keySet()) {
      resolve(name, raw, scanned, byLabel, resolved, new HashSet<>());
    }
    for (Resource role : later) {
      shadowed.add(
          resolveObject(
              role.name(), role.object(), role, raw, scanned, byLabel, resolved, new HashSet<>()));
    }
    return resolved;
  }

  private static Role resolve(
      String name,
      Map<String, ObjectNode> raw,
      Map<String, Resource> scanned,
      Map<String, List<String>> byLabel,
      Map<String, Role> resolved,
      Set<String> inProgress) {
    Role done = resolved.get(name);
    if (done != null) {
      return done;
    }
    Role role =
        resolveObject(
            name, raw.get(name), scanned.get(name), raw, scanned, byLabel, resolved, inProgress);
    resolved.put(name, role);
    return role;
  }

  /** One ClusterRole definition with the rules of the roles it aggregates. */
  private static Role resolveObject(
      String name,
      ObjectNode object,
      Resource resource,
      Map<String, ObjectNode> raw,
      Map<String, Resource> scanned,
      Map<String, List<String>> byLabel,
      Map<String, Role> resolved,
      Set<String> inProgress) {
    Map<String, String> labels = Labels.of(object.path("metadata").path("labels"));
    List<SourcedRule> rules = new ArrayList<>(ownRules(object, display("ClusterRole", null, name)));
    JsonNode selectors = object.path("aggregationRule").path("clusterRoleSelectors");
    boolean aggregated = selectors.isArray();
    if (aggregated) {
      inProgress.add(name);
      Set<String> members = new TreeSet<>();
      for (JsonNode selector : selectors) {
        if (!selector.isObject()) {
          continue; // not a LabelSelector: the API server would reject it, so it selects nothing
        }
        for (String candidate : candidates(selector, raw, byLabel)) {
          if (!candidate.equals(name)
              && Labels.labelSelectorMatches(
                  selector, Labels.of(raw.get(candidate).path("metadata").path("labels")))) {
            members.add(candidate);
          }
        }
      }
      for (String member : members) {
        if (inProgress.contains(member)) {
          continue; // a selector cycle: the controller would settle on the union, which the other
          // side already adds
        }
        // The aggregated role's own rules are replaced by the controller; members contribute
        // theirs.
        rules.addAll(resolve(member, raw, scanned, byLabel, resolved, inProgress).rules());
      }
      inProgress.remove(name);
    }
    return new Role("ClusterRole", null, name, labels, dedupe(rules), aggregated, resource);
  }

  private static List<String> candidates(
      JsonNode selector, Map<String, ObjectNode> raw, Map<String, List<String>> byLabel) {
    Map<String, String> matchLabels = Labels.of(selector.path("matchLabels"));
    if (matchLabels.isEmpty()) {
      return new ArrayList<>(raw.keySet());
    }
    Map.Entry<String, String> first = matchLabels.entrySet().iterator().next();
    return byLabel.getOrDefault(first.getKey() + "=" + first.getValue(), List.of());
  }

  private static List<SourcedRule> dedupe(List<SourcedRule> rules) {
    // Identical rules (a member reached twice, or a cluster dump whose aggregated role already
    // holds
    // its members' rules) count once; the first origin is kept.
    Map<PolicyRule, SourcedRule> unique = new LinkedHashMap<>();
    rules.forEach(r -> unique.putIfAbsent(r.rule(), r));
    return List.copyOf(unique.values());
  }

  private static List<SourcedRule> ownRules(JsonNode object, String origin) {
    List<SourcedRule> rules = new ArrayList<>();
    JsonNode list = object.path("rules");
    for (int i = 0; list.isArray() && i < list.size(); i++) {
      if (list.get(i).isObject()) {
        rules.add(new SourcedRule(PolicyRule.of(list.get(i)), origin, i));
      }
    }
    return rules;
  }

  private static String display(String kind, String namespace, String name) {
    return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }

  private static String roleKey(Binding binding) {
    return binding.roleKind().equals("Role")
        ? "Role/" + binding.namespace() + "/" + binding.roleName()
        : "ClusterRole/" + binding.roleName();
  }

  private static String roleKey(Role role) {
    return role.isClusterRole()
        ? "ClusterRole/" + role.name()
        : "Role/" + role.namespace() + "/" + role.name();
  }

  /** The role a binding refers to, when it is in the input or a Kubernetes default. */
  public Optional<Role> roleOf(Binding binding) {
    if (binding.roleKind().equals("Role")) {
      return Optional.ofNullable(
          binding.namespace() == null
              ? null
              : roles.get(binding.namespace() + "/" + binding.roleName()));
    }
    return Optional.ofNullable(clusterRoles.get(binding.roleName()));
  }

  /**
   * A Kubernetes default binding: labelled as one, or a {@code system:} binding of a built-in role
   * (installers such as kubeadm or "the hard way" create the API server's own bindings like that).
   */
  public boolean isBuiltIn(Binding binding) {
    if (binding.isLabelledDefault()) {
      return true;
    }
    return binding.resource().name().startsWith("system:")
        && roleOf(binding).map(Role::isBuiltIn).orElse(false);
  }

  public Optional<Role> clusterRole(String name) {
    return Optional.ofNullable(clusterRoles.get(name));
  }

  public Optional<Role> role(String namespace, String name) {
    return Optional.ofNullable(roles.get(namespace + "/" + name));
  }

  /**
   * Roles and ClusterRoles that came from the scanned files (not the bundled defaults), every
   * definition of a name included.
   */
  public List<Role> scannedRoles() {
    List<Role> list = new ArrayList<>();
    clusterRoles.values().stream().filter(r -> r.resource() != null).forEach(list::add);
    list.addAll(roles.values());
    list.addAll(shadowed);
    list.sort((a, b) -> a.display().compareTo(b.display()));
    return list;
  }

  // ---- bindings and grants ----

  public List<Binding> bindings() {
    return bindings;
  }

  public List<Binding> bindingsOf(Role role) {
    return bindingsByRole.getOrDefault(roleKey(role), List.of());
  }

  public List<Binding> bindingsOf(Subject subject) {
    return bindingsBySubject.getOrDefault(subject, List.of());
  }

  /** Every subject named by some binding, in display order. */
  public Set<Subject> subjects() {
    return Collections.unmodifiableSet(new TreeSet<>(bindingsBySubject.keySet()));
  }

  /** Every (subject, rule) that a binding grants; empty when its role is unknown. */
  public List<Grant> grantsOf(Binding binding) {
    Optional<Role> role = roleOf(binding);
    if (role.isEmpty()) {
      return List.of();
    }
    List<Grant> grants = new ArrayList<>();
    for (Subject subject : binding.subjects()) {
      for (SourcedRule rule : role.get().rules()) {
        grants.add(new Grant(subject, binding, role.get(), rule));
      }
    }
    return grants;
  }

  /** The effective permissions of one subject: every grant of every binding that names it. */
  public List<Grant> grantsOf(Subject subject) {
    List<Grant> grants = new ArrayList<>();
    for (Binding binding : bindingsOf(subject)) {
      for (Grant grant : grantsOf(binding)) {
        if (grant.subject().equals(subject)) {
          grants.add(grant);
        }
      }
    }
    return grants;
  }

  /**
   * The effective permissions of a workload's pods: those of its ServiceAccount and of the groups
   * every ServiceAccount token carries (system:serviceaccounts, system:serviceaccounts:NS,
   * system:authenticated).
   */
  public List<Grant> grantsOf(Workload workload) {
    List<Grant> grants = new ArrayList<>();
    for (Subject subject :
        List.of(
            Subject.serviceAccount(workload.namespace(), serviceAccountOf(workload)),
            new Subject(Subject.GROUP, null, "system:serviceaccounts:" + workload.namespace()),
            new Subject(Subject.GROUP, null, "system:serviceaccounts"),
            new Subject(Subject.GROUP, null, "system:authenticated"))) {
      grants.addAll(grantsOf(subject));
    }
    return grants;
  }

  /** The grants that allow the access, ordered by subject, then binding. */
  public List<Grant> whoCan(Access access) {
    List<Grant> found = new ArrayList<>();
    for (Binding binding : bindings) {
      Optional<Role> role = roleOf(binding);
      if (role.isEmpty()) {
        continue;
      }
      for (SourcedRule rule : role.get().rules()) {
        if (access.allowedBy(rule.rule(), binding)) {
          for (Subject subject : binding.subjects()) {
            found.add(new Grant(subject, binding, role.get(), rule));
          }
        }
      }
    }
    found.sort(GRANT_ORDER);
    return found;
  }

  // ---- workloads ----

  /**
   * The workloads whose pods authenticate as the subject: a ServiceAccount's own pods, all pods of
   * a namespace for system:serviceaccounts:NS, and all pods for system:serviceaccounts and
   * system:authenticated.
   */
  /**
   * The first {@code limit} workloads that run as the subject, in {@code order}, and how many there
   * are; worked out once per subject and order. A group such as system:serviceaccounts stands for
   * every workload, and sorting them again for each of its bindings was quadratic: 1M objects, 808
   * bindings to it, 8.7 s of CPU.
   */
  public WorkloadSample sampleOf(Subject subject, int limit, Comparator<Resource> order) {
    return samples.computeIfAbsent(
        new SampleKey(subject, limit, order), k -> sample(workloadsOf(subject), limit, order));
  }

  /** {@code first}: at most the limit asked for; {@code total}: all of them. */
  public record WorkloadSample(List<Resource> first, int total) {}

  private record SampleKey(Subject subject, int limit, Comparator<Resource> order) {}

  private static WorkloadSample sample(
      List<Workload> workloads, int limit, Comparator<Resource> order) {
    // a bounded set: O(n log limit) for thousands of workloads
    TreeSet<Resource> kept = new TreeSet<>(order);
    for (Workload workload : workloads) {
      kept.add(workload.resource());
      if (kept.size() > limit) {
        kept.pollLast();
      }
    }
    return new WorkloadSample(List.copyOf(kept), workloads.size());
  }

  public List<Workload> workloadsOf(Subject subject) {
    if (subject.isServiceAccount()) {
      return workloadsByAccount.getOrDefault(subject.namespace() + "/" + subject.name(), List.of());
    }
    if (subject.kind().equals(Subject.GROUP)) {
      if (subject.name().equals("system:serviceaccounts")
          || subject.name().equals("system:authenticated")) {
        return inventory.workloads();
      }
      if (subject.name().startsWith("system:serviceaccounts:")) {
        return inventory
            .workloadsByNamespace()
            .getOrDefault(subject.name().substring("system:serviceaccounts:".length()), List.of());
      }
    }
    return List.of();
  }
}
