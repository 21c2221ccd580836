package dev.kube4c.rules.meta;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Scope;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.InputProblem;

/** What could not be read was not checked: say so as loudly as a finding. */
public final class InputParseError implements Rule {

  private static final RuleMetadata METADATA =
      RuleMetadata.rule("input-parse-error")
          .title("Input could not be read")
          .area(Area.COMPONENTS)
          .severity(Severity.HIGH)
          .rationale(
              "A document that cannot be parsed is not scanned, so any problem in it stays hidden; a scan that silently skips broken files reports a false sense of safety.")
          .remediation(
              "Fix the file at the reported line and column (or exclude it from the scanned paths) and scan again.")
          .references("https://yaml.org/spec/1.2.2/")
          .frameworks(Frameworks.NONE.withCks(Frameworks.Cks.SUPPLY_CHAIN))
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
    for (InputProblem problem : context.inventory().problems()) {
      sink.report(null, problem.location(), problem.message(), null);
    }
  }
}
