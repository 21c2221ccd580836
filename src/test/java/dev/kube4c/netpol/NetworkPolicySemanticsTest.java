package dev.kube4c.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Workload;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.SourceLoader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NetworkPolicy semantics as a table: a set of policies, a source and a destination workload, and
 * the expected verdict ("deny", "all" for every port, or the open ports). The cluster has web and
 * db in namespace shop (labelled team=shop), probe in ops, and a host-network agent.
 */
class NetworkPolicySemanticsTest {

  private static final String CLUSTER =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop, labels: {team: shop}}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: ops, labels: {team: ops}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web, namespace: shop, labels: {app: web, tier: front}}
      spec: {containers: [{name: c, image: i, ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9090}]}]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: db, namespace: shop, labels: {app: db, tier: back}}
      spec: {containers: [{name: c, image: i, ports: [{name: pg, containerPort: 5432}, {name: dns, containerPort: 53, protocol: UDP}]}]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: probe, namespace: ops, labels: {app: probe, tier: front}}
      spec: {containers: [{name: c, image: i}]}
      """;

  private static String policy(String namespace, String spec) {
    return "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p"
        + Math.abs(spec.hashCode())
        + ", namespace: "
        + namespace
        + "}\nspec:\n"
        + spec.indent(2);
  }

  private static final String DENY_SHOP_INGRESS =
      policy("shop", "podSelector: {}\npolicyTypes: [Ingress]");
  private static final String DENY_SHOP_EGRESS =
      policy("shop", "podSelector: {}\npolicyTypes: [Egress]");
  private static final String DENY_OPS_EGRESS =
      policy("ops", "podSelector: {}\npolicyTypes: [Egress]");

  static Stream<Arguments> cases() {
    return Stream.of(
        row("no policy: everything open", "", "web", "db", "all"),
        row("no policy: across namespaces", "", "probe", "db", "all"),
        row("ingress default deny isolates db", DENY_SHOP_INGRESS, "web", "db", "deny"),
        row(
            "ingress default deny in shop leaves ops open",
            DENY_SHOP_INGRESS,
            "db",
            "probe",
            "all"),
        row(
            "ingress deny does not restrict the source's egress",
            DENY_SHOP_INGRESS,
            "db",
            "probe",
            "all"),
        row("egress default deny isolates the source", DENY_SHOP_EGRESS, "web", "probe", "deny"),
        row(
            "egress deny in shop: ingress into shop still open",
            DENY_SHOP_EGRESS,
            "probe",
            "web",
            "all"),
        row(
            "egress deny blocks traffic inside the namespace too",
            DENY_SHOP_EGRESS,
            "web",
            "db",
            "deny"),
        row(
            "podSelector peer admits the matching pod",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{podSelector: {matchLabels: {app: web}}}]"),
            "web",
            "db",
            "all"),
        row(
            "podSelector peer is limited to the policy namespace",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{podSelector: {matchLabels: {tier: front}}}]"),
            "probe",
            "db",
            "deny"),
        row(
            "namespaceSelector peer admits every pod of the namespace",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{namespaceSelector: {matchLabels: {team: ops}}}]"),
            "probe",
            "db",
            "all"),
        row(
            "namespaceSelector peer excludes other namespaces",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{namespaceSelector: {matchLabels: {team: ops}}}]"),
            "web",
            "db",
            "deny"),
        row(
            "automatic metadata.name namespace label",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ops}}}]"),
            "probe",
            "db",
            "all"),
        row(
            "combined selector needs both (match)",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{namespaceSelector: {matchLabels: {team: ops}}, podSelector: {matchLabels: {app: probe}}}]"),
            "probe",
            "db",
            "all"),
        row(
            "combined selector needs both (pod label differs)",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{namespaceSelector: {matchLabels: {team: ops}}, podSelector: {matchLabels: {app: other}}}]"),
            "probe",
            "db",
            "deny"),
        row(
            "two peers are OR-ed",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{namespaceSelector: {matchLabels: {team: ops}}}, {podSelector: {matchLabels: {app: web}}}]"),
            "web",
            "db",
            "all"),
        row(
            "empty namespaceSelector admits all namespaces",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{namespaceSelector: {}}]"),
            "probe",
            "db",
            "all"),
        row(
            "matchExpressions In",
            policy(
                "shop",
                "podSelector: {matchExpressions: [{key: app, operator: In, values: [db]}]}\ningress:\n- from: [{podSelector: {matchExpressions: [{key: tier, operator: In, values: [front, edge]}]}}]"),
            "web",
            "db",
            "all"),
        row(
            "matchExpressions NotIn",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{podSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [front]}]}}]"),
            "web",
            "db",
            "deny"),
        row(
            "matchExpressions Exists on the target",
            policy(
                "shop",
                "podSelector: {matchExpressions: [{key: tier, operator: Exists}]}\npolicyTypes: [Ingress]"),
            "web",
            "db",
            "deny"),
        row(
            "numeric port",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{podSelector: {matchLabels: {app: web}}}]\n  ports: [{port: 5432}]"),
            "web",
            "db",
            "TCP/5432"),
        row(
            "named port resolves on the destination",
            policy(
                "shop", "podSelector: {matchLabels: {app: db}}\ningress:\n- ports: [{port: pg}]"),
            "web",
            "db",
            "TCP/5432"),
        row(
            "named port with UDP",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- ports: [{port: dns, protocol: UDP}]"),
            "web",
            "db",
            "UDP/53"),
        row(
            "unknown named port opens nothing",
            policy(
                "shop", "podSelector: {matchLabels: {app: db}}\ningress:\n- ports: [{port: nope}]"),
            "web",
            "db",
            "deny"),
        row(
            "endPort range",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- ports: [{port: 5000, endPort: 6000}]"),
            "web",
            "db",
            "TCP/5000-6000"),
        row(
            "rules are OR-ed and ports unioned",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- ports: [{port: 5432}]\n- ports: [{port: 6432}]"),
            "web",
            "db",
            "TCP/5432,TCP/6432"),
        row(
            "policies are OR-ed",
            DENY_SHOP_INGRESS
                + "\n"
                + policy(
                    "shop",
                    "podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{podSelector: {matchLabels: {app: web}}}]"),
            "web",
            "db",
            "all"),
        row(
            "rule with empty from admits everyone",
            policy("shop", "podSelector: {matchLabels: {app: db}}\ningress:\n- {}"),
            "probe",
            "db",
            "all"),
        row(
            "policy without policyTypes defaults to Ingress",
            policy("shop", "podSelector: {matchLabels: {app: db}}"),
            "web",
            "db",
            "deny"),
        row(
            "policyTypes Egress only leaves ingress open",
            policy("shop", "podSelector: {matchLabels: {app: db}}\npolicyTypes: [Egress]"),
            "web",
            "db",
            "all"),
        row(
            "egress rules imply the Egress type",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: web}}\negress:\n- to: [{podSelector: {matchLabels: {app: db}}}]"),
            "web",
            "probe",
            "deny"),
        row(
            "egress allowed to the peer",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: web}}\negress:\n- to: [{podSelector: {matchLabels: {app: db}}}]\n  ports: [{port: 5432}]"),
            "web",
            "db",
            "TCP/5432"),
        row(
            "both sides must allow: egress and ingress ports intersect",
            policy(
                    "shop",
                    "podSelector: {matchLabels: {app: web}}\negress:\n- ports: [{port: 5432}, {port: 9999}]")
                + "\n"
                + policy(
                    "shop",
                    "podSelector: {matchLabels: {app: db}}\ningress:\n- ports: [{port: 5432}]"),
            "web",
            "db",
            "TCP/5432"),
        row("source egress deny in another namespace", DENY_OPS_EGRESS, "probe", "web", "deny"),
        row(
            "ipBlock peers do not admit pods",
            policy(
                "shop",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{ipBlock: {cidr: 0.0.0.0/0}}]"),
            "web",
            "db",
            "deny"),
        row(
            "selector that matches nothing isolates nothing",
            policy("shop", "podSelector: {matchLabels: {app: nothing}}\npolicyTypes: [Ingress]"),
            "web",
            "db",
            "all"));
  }

  private static Arguments row(
      String name, String policies, String from, String to, String expected) {
    return Arguments.of(name, policies, from, to, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verdict(String name, String policies, String from, String to, String expected) {
    List<InputProblem> problems = new ArrayList<>();
    var documents =
        new SourceLoader(new ByteArrayInputStream(new byte[0]))
            .readText("cluster.yaml", CLUSTER + policies, problems);
    assertThat(problems).as("fixture YAML").isEmpty();
    Inventory inventory = Inventory.of(documents, problems);
    Set<String> allowed =
        new Reachability(new NetworkPolicyModel(inventory))
            .allowed(pod(inventory, from), pod(inventory, to));
    String verdict =
        allowed == null ? "all" : allowed.isEmpty() ? "deny" : String.join(",", allowed);
    assertThat(verdict).as(name).isEqualTo(expected);
  }

  private static Workload pod(Inventory inventory, String name) {
    return inventory.workloads().stream()
        .filter(w -> w.resource().name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
