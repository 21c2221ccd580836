package dev.kube4c.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the simplest ARM template expressions, the ones compiled Bicep is full of: {@code
 * [parameters('x')]} to the parameter's literal default, {@code [variables('x')]} to a literal
 * variable, {@code [true()]}/{@code [false()]}. Anything else stays unresolved, and rules skip it
 * rather than guess.
 */
final class ArmResolver implements ClusterDocument.Resolver {

  private static final Pattern REFERENCE =
      Pattern.compile("^\\[\\s*(parameters|variables)\\(\\s*'([^']+)'\\s*\\)\\s*\\]$");

  private final JsonNode template;

  ArmResolver(JsonNode template) {
    this.template = template;
  }

  @Override
  public ClusterDocument.Resolved resolve(JsonNode value) {
    if (!JsonPaths.isExpression(value)) {
      return new ClusterDocument.Resolved(value, false, null);
    }
    String text = value.asText().trim();
    if (text.equals("[true()]") || text.equals("[false()]")) {
      return new ClusterDocument.Resolved(
          BooleanNode.valueOf(text.equals("[true()]")), false, null);
    }
    Matcher m = REFERENCE.matcher(text);
    if (m.matches() && template != null) {
      boolean parameter = m.group(1).equals("parameters");
      JsonNode found =
          parameter
              ? template.path("parameters").path(m.group(2)).path("defaultValue")
              : template.path("variables").path(m.group(2));
      if (!found.isMissingNode()
          && !found.isNull()
          && !JsonPaths.isExpression(found)
          && !containsExpression(found)) {
        String via =
            parameter
                ? "default of parameter '" + m.group(2) + "'"
                : "variable '" + m.group(2) + "'";
        return new ClusterDocument.Resolved(found, false, via);
      }
    }
    return new ClusterDocument.Resolved(value, true, null);
  }

  private static boolean containsExpression(JsonNode node) {
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        if (JsonPaths.isExpression(child) || containsExpression(child)) {
          return true;
        }
      }
    }
    return false;
  }
}
