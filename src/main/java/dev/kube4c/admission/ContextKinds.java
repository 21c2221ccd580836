package dev.kube4c.admission;

import dev.kube4c.cluster.ApiKind;
import dev.kube4c.rules.RuleMetadata;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which other objects the webhook caches for its rules, and which rules read them, as each rule
 * declares in its metadata ({@code readsAtAdmission}, {@code notAtAdmission}). Workloads and
 * Secrets are not cached (too many, or too sensitive): the rules that need them to judge an object
 * do not run at admission ({@code docs/admission.md} lists them), and neither do the rules whose
 * context has not synced yet ({@link #rulesNotRun}).
 */
final class ContextKinds {

  /** Watched with informers, cluster-scoped first. */
  static final List<ApiKind> WATCHED =
      List.of(
          new ApiKind("", "v1", "namespaces", "Namespace", false, false),
          new ApiKind("node.k8s.io", "v1", "runtimeclasses", "RuntimeClass", false, false),
          new ApiKind("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false, false),
          new ApiKind("", "v1", "serviceaccounts", "ServiceAccount", true, false),
          new ApiKind("", "v1", "services", "Service", true, false),
          new ApiKind("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, false),
          new ApiKind("", "v1", "limitranges", "LimitRange", true, false),
          new ApiKind("", "v1", "resourcequotas", "ResourceQuota", true, false));

  static final Set<String> KINDS =
      WATCHED.stream().map(ApiKind::kind).collect(Collectors.toUnmodifiableSet());

  /** Rule id to the cached kinds it reads beside the object, as the rules declare. */
  private final Map<String, Set<String>> needs;

  /** Rules that declare they do not run at admission. */
  private final Set<String> notAtAdmission;

  private ContextKinds(Map<String, Set<String>> needs, Set<String> notAtAdmission) {
    this.needs = needs;
    this.notAtAdmission = notAtAdmission;
  }

  /** What the rules declare in {@link RuleMetadata#admission()}. */
  static ContextKinds of(Collection<RuleMetadata> rules) {
    Map<String, Set<String>> needs = new HashMap<>();
    Set<String> notAtAdmission = new HashSet<>();
    for (RuleMetadata rule : rules) {
      if (!rule.admission().runs()) {
        notAtAdmission.add(rule.id());
      } else if (!rule.admission().contextKinds().isEmpty()) {
        needs.put(rule.id(), rule.admission().contextKinds());
      }
    }
    return new ContextKinds(Map.copyOf(needs), Set.copyOf(notAtAdmission));
  }

  Set<String> notAtAdmission() {
    return notAtAdmission;
  }

  /** Every kind some rule reads beside the object. */
  Set<String> neededKinds() {
    Set<String> kinds = new HashSet<>();
    needs.values().forEach(kinds::addAll);
    return kinds;
  }

  /** The rules not to run while {@code missing} kinds are not loaded, plus those never run. */
  Set<String> rulesNotRun(Set<String> missing) {
    Set<String> out = new HashSet<>(notAtAdmission);
    needs.forEach(
        (rule, kinds) -> {
          if (kinds.stream().anyMatch(missing::contains)) {
            out.add(rule);
          }
        });
    return out;
  }
}
