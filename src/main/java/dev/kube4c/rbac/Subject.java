package dev.kube4c.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.Set;

/**
 * Who a binding grants to: a User, a Group or a ServiceAccount. A User named {@code
 * system:serviceaccount:NS:NAME} is that ServiceAccount and is normalised to it.
 */
public record Subject(String kind, String namespace, String name) implements Comparable<Subject> {

  public static final String USER = "User";
  public static final String GROUP = "Group";
  public static final String SERVICE_ACCOUNT = "ServiceAccount";

  /** Identities that every (or every unauthenticated) caller has. */
  private static final Set<String> BROAD =
      Set.of("system:anonymous", "system:unauthenticated", "system:authenticated");

  public static Subject of(JsonNode node, String bindingNamespace) {
    String kind = node.path("kind").asText();
    String name = node.path("name").asText();
    if (kind.equals(SERVICE_ACCOUNT)) {
      String ns = node.path("namespace").asText("");
      return new Subject(
          SERVICE_ACCOUNT,
          ns.isEmpty() ? (bindingNamespace == null ? "default" : bindingNamespace) : ns,
          name);
    }
    if (kind.equals(USER) && name.startsWith("system:serviceaccount:")) {
      String[] parts = name.split(":", 4);
      if (parts.length == 4) {
        return new Subject(SERVICE_ACCOUNT, parts[2], parts[3]);
      }
    }
    return new Subject(kind, null, name);
  }

  public static Subject serviceAccount(String namespace, String name) {
    return new Subject(SERVICE_ACCOUNT, namespace, name);
  }

  public boolean isServiceAccount() {
    return kind.equals(SERVICE_ACCOUNT);
  }

  /** system:anonymous, system:unauthenticated, system:authenticated (as a User or a Group). */
  public boolean isBroad() {
    return !isServiceAccount() && BROAD.contains(name);
  }

  /** The groups of all ServiceAccounts, or of all ServiceAccounts of one namespace. */
  public boolean isServiceAccountGroup() {
    return kind.equals(GROUP)
        && (name.equals("system:serviceaccounts") || name.startsWith("system:serviceaccounts:"));
  }

  /**
   * Control-plane identities (system:kube-scheduler, system:nodes, system:masters, ...): they are
   * meant to be powerful, so the rbac-* rules do not report them. Broad groups and ServiceAccount
   * groups are never built-ins in this sense.
   */
  public boolean isSystemBuiltIn() {
    return !isServiceAccount()
        && name.startsWith("system:")
        && !isBroad()
        && !isServiceAccountGroup();
  }

  /** KIND/NAME, or KIND/NAMESPACE/NAME for ServiceAccounts (CLI.md). */
  public String display() {
    return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }

  /** Kind, then namespace, then name: the order of {@link #display()} without building strings. */
  private static final Comparator<Subject> ORDER =
      Comparator.comparing(Subject::kind)
          .thenComparing(Subject::namespace, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Subject::name);

  @Override
  public int compareTo(Subject other) {
    return ORDER.compare(this, other);
  }
}
