package dev.kube4c.rules.meta;

import dev.kube4c.config.Config;
import dev.kube4c.findings.Exceptions;
import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.Location;

/** A suppression nobody can explain is a finding nobody owns. */
public final class ExceptionReasonMissing implements Rule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("exception-reason-missing")
          .title("Suppression without a reason")
          .area(Area.COMPONENTS)
          .severity(Severity.INFO)
          .rationale(
              "Every exception should say why it is acceptable (and ideally until when), so that reviewers can judge it and it can be revisited; a kube4c.dev/ignore annotation or config exception without a reason hides risk silently.")
          .remediation(
              "Add kube4c.dev/ignore-reason next to kube4c.dev/ignore, or a reason to the exception in .kube4c.yaml.")
          .references("https://github.com/kube4c/kube4c#configuration")
          .frameworks(Frameworks.NONE)
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  public void check(RuleContext context, FindingSink sink) {
    for (Resource resource : context.inventory().resources()) {
      var annotations = resource.annotations();
      String ignored = annotations.get(Exceptions.IGNORE_ANNOTATION);
      String reason = annotations.get(Exceptions.REASON_ANNOTATION);
      if (ignored != null && (reason == null || reason.isBlank())) {
        sink.report(
            resource,
            "metadata.annotations["
                + Exceptions.IGNORE_ANNOTATION
                + "] ignores "
                + ignored
                + " without "
                + Exceptions.REASON_ANNOTATION);
      }
    }
    Config config = context.config();
    for (Config.ExceptionSpec exception : config.exceptions()) {
      if (exception.reason() == null || exception.reason().isBlank()) {
        Location location =
            new Location(
                config.source() == null ? ".kube4c.yaml" : config.source(), exception.line(), 1);
        sink.report(
            null, location, "exception for rule " + exception.rule() + " has no reason", null);
      }
    }
  }
}
