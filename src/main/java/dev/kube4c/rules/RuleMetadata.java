package dev.kube4c.rules;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a user, report or framework view needs to know about a rule apart from its logic.
 * Build it with {@link #rule(String)}; {@link Builder#build()} rejects incomplete metadata.
 */
public record RuleMetadata(
    String id,
    String title,
    Area area,
    Severity severity,
    String rationale,
    String remediation,
    List<String> references,
    Frameworks frameworks,
    Admission admission) {

  public RuleMetadata {
    references = List.copyOf(references);
  }

  /**
   * How the rule runs in the admission webhook: with the cached cluster objects of these kinds that
   * it reads beside the object ({@code contextKinds}), or not at all ({@code runs} false) when it
   * judges by objects the webhook does not cache (workloads, Secrets, mesh resources) or by what a
   * new object cannot have yet.
   */
  public record Admission(boolean runs, Set<String> contextKinds) {
    public static final Admission OBJECT_ONLY = new Admission(true, Set.of());
    public static final Admission NOT_AT_ADMISSION = new Admission(false, Set.of());

    public Admission {
      contextKinds = Set.copyOf(contextKinds);
    }
  }

  public Layer layer() {
    return area.layer();
  }

  public static Builder rule(String id) {
    return new Builder(id);
  }

  /** Fluent construction so that rule classes read like a data sheet. */
  public static final class Builder {
    private final String id;
    private String title;
    private Area area;
    private Severity severity;
    private String rationale;
    private String remediation;
    private List<String> references = List.of();
    private Frameworks frameworks = Frameworks.NONE;
    private Admission admission = Admission.OBJECT_ONLY;

    private Builder(String id) {
      this.id = id;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder area(Area area) {
      this.area = area;
      return this;
    }

    public Builder severity(Severity severity) {
      this.severity = severity;
      return this;
    }

    public Builder rationale(String rationale) {
      this.rationale = rationale;
      return this;
    }

    public Builder remediation(String remediation) {
      this.remediation = remediation;
      return this;
    }

    public Builder references(String... references) {
      this.references = List.of(references);
      return this;
    }

    public Builder frameworks(Frameworks frameworks) {
      this.frameworks = frameworks;
      return this;
    }

    /** At admission the rule reads cached cluster objects of these kinds beside the object. */
    public Builder readsAtAdmission(String... kinds) {
      this.admission = new Admission(true, Set.of(kinds));
      return this;
    }

    /** The rule does not run at admission (see {@link Admission}). */
    public Builder notAtAdmission() {
      this.admission = Admission.NOT_AT_ADMISSION;
      return this;
    }

    public RuleMetadata build() {
      return new RuleMetadata(
          Objects.requireNonNull(id, "id"),
          Objects.requireNonNull(title, "title of " + id),
          Objects.requireNonNull(area, "area of " + id),
          Objects.requireNonNull(severity, "severity of " + id),
          Objects.requireNonNull(rationale, "rationale of " + id),
          Objects.requireNonNull(remediation, "remediation of " + id),
          references,
          frameworks,
          admission);
    }
  }
}
