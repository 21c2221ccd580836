package dev.kube4c.rules;

import dev.kube4c.inventory.Resource;
import java.util.Set;

/** A rule that looks at each object of some kinds, one at a time. */
public abstract class ResourceRule implements Rule {

  private final Set<String> kinds;

  protected ResourceRule(String... kinds) {
    this.kinds = Set.of(kinds);
  }

  @Override
  public final void check(RuleContext context, FindingSink sink) {
    for (String kind : kinds) {
      for (Resource resource : context.inventory().ofKind(kind)) {
        check(resource, context, sink);
      }
    }
  }

  protected abstract void check(Resource resource, RuleContext context, FindingSink sink);
}
