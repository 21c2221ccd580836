package dev.kube4c.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The contents of {@code .kube4c.yaml} (CLI.md "Configuration"). Missing fields take their
 * defaults; unknown fields are a configuration error so that typos do not silently disable things.
 */
public record Config(
    List<ExceptionSpec> exceptions,
    Map<String, String> severity,
    List<String> allowedRegistries,
    List<String> untrustedNamespaces,
    List<String> sandboxedRuntimeHandlers,
    String minimumKubernetesVersion,
    String pssLevel,
    String pssVersion,
    PssExemptions pssExemptions,
    String source,
    Integer advisoryMaxAgeDays,
    List<String> policies) {

  public static final Config DEFAULT =
      new Config(null, null, null, null, null, null, null, null, null, null, null, null);

  /** Advisory data older than this gives a warning on scans with --images (advisoryMaxAgeDays). */
  public static final int DEFAULT_ADVISORY_MAX_AGE_DAYS = 7;

  /**
   * Without {@code advisoryMaxAgeDays} and {@code policies} (ValidatingAdmissionPolicy files and
   * folders, see docs/policies.md).
   */
  public Config(
      List<ExceptionSpec> exceptions,
      Map<String, String> severity,
      List<String> allowedRegistries,
      List<String> untrustedNamespaces,
      List<String> sandboxedRuntimeHandlers,
      String minimumKubernetesVersion,
      String pssLevel,
      String pssVersion,
      PssExemptions pssExemptions,
      String source) {
    this(
        exceptions,
        severity,
        allowedRegistries,
        untrustedNamespaces,
        sandboxedRuntimeHandlers,
        minimumKubernetesVersion,
        pssLevel,
        pssVersion,
        pssExemptions,
        source,
        null,
        null);
  }

  public Config {
    exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    severity = severity == null ? Map.of() : Map.copyOf(severity);
    allowedRegistries = allowedRegistries == null ? List.of() : List.copyOf(allowedRegistries);
    untrustedNamespaces =
        untrustedNamespaces == null ? List.of() : List.copyOf(untrustedNamespaces);
    sandboxedRuntimeHandlers =
        sandboxedRuntimeHandlers == null
            ? List.of("runsc", "gvisor", "kata", "kata-qemu", "kata-clh", "kata-fc")
            : List.copyOf(sandboxedRuntimeHandlers);
    pssExemptions = pssExemptions == null ? PssExemptions.NONE : pssExemptions;
    advisoryMaxAgeDays =
        advisoryMaxAgeDays == null ? DEFAULT_ADVISORY_MAX_AGE_DAYS : advisoryMaxAgeDays;
    policies = policies == null ? List.of() : List.copyOf(policies);
  }

  /**
   * Who Pod Security admission exempts, as in its AdmissionConfiguration: requesting users (matched
   * against the controller that creates a workload's pods), RuntimeClass names and namespaces.
   */
  public record PssExemptions(
      List<String> usernames, List<String> runtimeClasses, List<String> namespaces) {

    public static final PssExemptions NONE = new PssExemptions(null, null, null);

    public PssExemptions {
      usernames = usernames == null ? List.of() : List.copyOf(usernames);
      runtimeClasses = runtimeClasses == null ? List.of() : List.copyOf(runtimeClasses);
      namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    }
  }

  /**
   * One entry of {@code exceptions}: which rule, on which resources, why, and until when; for the
   * vulnerability rules also which advisories (id or alias), packages and images (globs, {@code *}
   * any run of characters). Every list given must match.
   */
  public record ExceptionSpec(
      String rule,
      List<String> resources,
      String reason,
      LocalDate expires,
      @JsonProperty(access = JsonProperty.Access.READ_ONLY) int line,
      List<String> advisories,
      List<String> packages,
      List<String> images) {

    public ExceptionSpec {
      resources = resources == null ? List.of() : List.copyOf(resources);
      advisories = advisories == null ? List.of() : List.copyOf(advisories);
      packages = packages == null ? List.of() : List.copyOf(packages);
      images = images == null ? List.of() : List.copyOf(images);
    }

    public ExceptionSpec(
        String rule, List<String> resources, String reason, LocalDate expires, int line) {
      this(rule, resources, reason, expires, line, null, null, null);
    }

    public ExceptionSpec withLine(int line) {
      return new ExceptionSpec(
          rule, resources, reason, expires, line, advisories, packages, images);
    }
  }

  public Config withPss(String level, String version) {
    return new Config(
        exceptions,
        severity,
        allowedRegistries,
        untrustedNamespaces,
        sandboxedRuntimeHandlers,
        minimumKubernetesVersion,
        level != null ? level : pssLevel,
        version != null ? version : pssVersion,
        pssExemptions,
        source,
        advisoryMaxAgeDays,
        policies);
  }

  public Config withSource(String source) {
    return new Config(
        exceptions,
        severity,
        allowedRegistries,
        untrustedNamespaces,
        sandboxedRuntimeHandlers,
        minimumKubernetesVersion,
        pssLevel,
        pssVersion,
        pssExemptions,
        source,
        advisoryMaxAgeDays,
        policies);
  }

  public Config withExceptions(List<ExceptionSpec> exceptions) {
    return new Config(
        exceptions,
        severity,
        allowedRegistries,
        untrustedNamespaces,
        sandboxedRuntimeHandlers,
        minimumKubernetesVersion,
        pssLevel,
        pssVersion,
        pssExemptions,
        source,
        advisoryMaxAgeDays,
        policies);
  }
}
