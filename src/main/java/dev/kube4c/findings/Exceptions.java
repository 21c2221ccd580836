package dev.kube4c.findings;

import dev.kube4c.config.Config;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.ResourceRef;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides whether a finding is hidden: by a config exception that has not expired (rule id or "*",
 * KIND/NAMESPACE/NAME globs) or by the object's {@code kube4c.dev/ignore} annotation.
 */
public final class Exceptions {

  public static final String IGNORE_ANNOTATION = "kube4c.dev/ignore";
  public static final String REASON_ANNOTATION = "kube4c.dev/ignore-reason";

  private final List<Compiled> active;

  /**
   * Objects that carry kube4c.dev/ignore, by KIND/NAMESPACE/NAME; few in practice, so findings are
   * looked up cheaply.
   */
  private final Map<String, Resource> annotated = new java.util.HashMap<>();

  private record Compiled(
      Config.ExceptionSpec spec, List<Pattern> resources, Map<String, List<Pattern>> about) {}

  public Exceptions(Config config, Inventory inventory, LocalDate today) {
    this(config, inventory.resources(), today);
  }

  /**
   * Exceptions over objects that were never in one inventory (a cluster read a namespace at a
   * time).
   */
  public Exceptions(Config config, Iterable<Resource> resources, LocalDate today) {
    for (Resource resource : resources) {
      if (carriesIgnore(resource)) {
        annotated.put(
            key(resource.kind(), resource.effectiveNamespace(), resource.name()), resource);
      }
    }
    this.active =
        config.exceptions().stream()
            .filter(e -> e.expires() == null || !e.expires().isBefore(today))
            .map(
                e ->
                    new Compiled(
                        e, e.resources().stream().map(Exceptions::glob).toList(), aboutPatterns(e)))
            .toList();
  }

  /** Whether the object has a kube4c.dev/ignore annotation, which exceptions must know of. */
  public static boolean carriesIgnore(Resource resource) {
    return resource.object().path("metadata").path("annotations").has(IGNORE_ANNOTATION);
  }

  public Optional<Suppressed.Exemption> exemptionFor(Finding finding) {
    for (Compiled exception : active) {
      if (matchesRule(exception.spec.rule(), finding.ruleId())
          && matchesResource(exception.resources, finding.resource())
          && matchesAbout(exception.about, finding.about())) {
        return Optional.of(
            new Suppressed.Exemption("config", exception.spec.reason(), exception.spec.expires()));
      }
    }
    ResourceRef ref = finding.resource();
    if (ref == null || annotated.isEmpty()) {
      return Optional.empty();
    }
    Resource resource =
        annotated.get(
            key(
                ref.kind(),
                ref.namespace() == null && !isClusterScoped(ref) ? "default" : ref.namespace(),
                ref.name()));
    if (resource == null) {
      return Optional.empty();
    }
    Map<String, String> annotations = resource.annotations();
    String ignored = annotations.get(IGNORE_ANNOTATION);
    if (ignored != null
        && ruleList(ignored).stream().anyMatch(r -> matchesRule(r, finding.ruleId()))) {
      return Optional.of(
          new Suppressed.Exemption("annotation", annotations.get(REASON_ANNOTATION), null));
    }
    return Optional.empty();
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + namespace + "/" + name;
  }

  private static boolean isClusterScoped(ResourceRef ref) {
    return dev.kube4c.inventory.ClusterScope.isClusterScoped(ref.kind());
  }

  public static Set<String> ruleList(String annotation) {
    return Arrays.stream(annotation.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }

  private static boolean matchesRule(String pattern, String ruleId) {
    return pattern != null && (pattern.equals("*") || pattern.equals(ruleId));
  }

  private static boolean matchesResource(List<Pattern> patterns, ResourceRef ref) {
    if (patterns.isEmpty()) {
      return true;
    }
    if (ref == null) {
      return false;
    }
    String namespace =
        ref.namespace() != null ? ref.namespace() : isClusterScoped(ref) ? "" : "default";
    String withNamespace = ref.kind() + "/" + namespace + "/" + ref.name();
    String short_ = ref.kind() + "/" + ref.name();
    for (Pattern pattern : patterns) {
      if (pattern.matcher(withNamespace).matches()
          || (namespace.isEmpty() && pattern.matcher(short_).matches())) {
        return true;
      }
    }
    return false;
  }

  /** advisories/packages/images of an exception, as globs where {@code *} matches anything. */
  private static Map<String, List<Pattern>> aboutPatterns(Config.ExceptionSpec e) {
    Map<String, List<Pattern>> out = new java.util.HashMap<>();
    java.util.function.Function<List<String>, List<Pattern>> compile =
        list -> list.stream().map(g -> glob(g.replace("*", "**"))).toList();
    if (!e.advisories().isEmpty()) {
      out.put("advisory", compile.apply(e.advisories()));
    }
    if (!e.packages().isEmpty()) {
      out.put("package", compile.apply(e.packages()));
    }
    if (!e.images().isEmpty()) {
      out.put("image", compile.apply(e.images()));
    }
    return out;
  }

  /** Every kind the exception names must match one of the finding's values of that kind. */
  private static boolean matchesAbout(
      Map<String, List<Pattern>> wanted, Map<String, List<String>> about) {
    for (Map.Entry<String, List<Pattern>> e : wanted.entrySet()) {
      List<String> values = about.getOrDefault(e.getKey(), List.of());
      if (values.stream()
          .noneMatch(v -> e.getValue().stream().anyMatch(p -> p.matcher(v).matches()))) {
        return false;
      }
    }
    return true;
  }

  /** KIND/NAMESPACE/NAME globs: {@code *} matches within one segment, {@code **} across. */
  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        boolean twice = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
        regex.append(twice ? ".*" : "[^/]*");
        i += twice ? 1 : 0;
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
