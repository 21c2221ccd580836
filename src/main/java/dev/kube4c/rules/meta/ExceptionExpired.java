package dev.kube4c.rules.meta;

import dev.kube4c.config.Config;
import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Scope;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.Location;

/**
 * Exceptions are debts with a due date; when it passes, the hidden findings come back and so does
 * this one.
 */
public final class ExceptionExpired implements Rule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("exception-expired")
          .title("Exception has expired")
          .area(Area.COMPONENTS)
          .severity(Severity.LOW)
          .rationale(
              "An exception in .kube4c.yaml whose expiry date has passed no longer hides its findings; the exception itself is reported so that it is renewed with a reason or removed.")
          .remediation(
              "Fix the findings the exception covered and delete it, or renew it with a new expiry date and a reason.")
          .references("https://github.com/kube4c/kube4c#configuration")
          .frameworks(Frameworks.NONE)
          .build();

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  public Scope scope() {
    return Scope.CLUSTER; // reads the configuration and the input problems, not objects
  }

  @Override
  public void check(RuleContext context, FindingSink sink) {
    Config config = context.config();
    for (Config.ExceptionSpec exception : config.exceptions()) {
      if (exception.expires() != null && exception.expires().isBefore(context.today())) {
        Location location =
            new Location(
                config.source() == null ? ".kube4c.yaml" : config.source(), exception.line(), 1);
        sink.report(
            null,
            location,
            "exception for rule "
                + exception.rule()
                + " on "
                + (exception.resources().isEmpty() ? "all resources" : exception.resources())
                + " expired on "
                + exception.expires(),
            null);
      }
    }
  }
}
