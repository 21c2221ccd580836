package dev.kube4c.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kube4c.cli.CliRunner;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Workload;
import dev.kube4c.source.SourceLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NetworkPolicy semantics: isolation, peers, named ports, endPort, egress, policyTypes, ipBlock.
 */
class ReachabilityTest {

  @TempDir Path dir;

  private static final String WORKLOADS =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop, labels: {team: shop}}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: ops}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web, namespace: shop, labels: {app: web}}
      spec: {containers: [{name: c, image: i, ports: [{name: http, containerPort: 8080}]}]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: db, namespace: shop, labels: {app: db}}
      spec: {containers: [{name: c, image: i, ports: [{name: pg, containerPort: 5432}]}]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: probe, namespace: ops, labels: {app: probe}}
      spec: {containers: [{name: c, image: i}]}
      """;

  private Reachability model(String policies) {
    List<dev.kube4c.source.InputProblem> problems = new ArrayList<>();
    var documents =
        new SourceLoader(new ByteArrayInputStream(new byte[0]))
            .readText("t.yaml", WORKLOADS + "---\n" + policies, problems);
    assertThat(problems).isEmpty();
    return new Reachability(new NetworkPolicyModel(Inventory.of(documents, problems)));
  }

  private Set<String> allowed(String policies, String from, String to) {
    List<dev.kube4c.source.InputProblem> problems = new ArrayList<>();
    var documents =
        new SourceLoader(new ByteArrayInputStream(new byte[0]))
            .readText("t.yaml", WORKLOADS + "---\n" + policies, problems);
    Inventory inventory = Inventory.of(documents, problems);
    Workload source =
        inventory.workloads().stream()
            .filter(w -> w.resource().name().equals(from))
            .findFirst()
            .orElseThrow();
    Workload destination =
        inventory.workloads().stream()
            .filter(w -> w.resource().name().equals(to))
            .findFirst()
            .orElseThrow();
    return new Reachability(new NetworkPolicyModel(inventory)).allowed(source, destination);
  }

  @Test
  void withoutPoliciesEverythingIsOpen() {
    assertThat(allowed("", "web", "db")).isNull();
    assertThat(model("").connections())
        .anyMatch(c -> c.from().equals(Reachability.INTERNET) && c.to().equals("Pod/shop/db"));
  }

  @Test
  void podSelectorPeersAndNamedPorts() {
    String policy =
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: db}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: pg}]\n";
    assertThat(allowed(policy, "web", "db")).containsExactly("TCP/5432");
    assertThat(allowed(policy, "probe", "db")).isEmpty();
    assertThat(allowed(policy, "db", "web")).isNull();
  }

  @Test
  void namespaceSelectorAndCombinedSelector() {
    String policy =
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: db}}\n  ingress:\n  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ops}}, podSelector: {matchLabels: {app: probe}}}]\n    ports: [{port: 5000, endPort: 5500}]\n";
    assertThat(allowed(policy, "probe", "db")).containsExactly("TCP/5000-5500");
    assertThat(allowed(policy, "web", "db")).isEmpty();
  }

  @Test
  void egressIsolationNeedsBothSides() {
    String policy =
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web-out, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]\n  egress:\n  - to: [{podSelector: {matchLabels: {app: db}}}]\n    ports: [{port: 5432}]\n";
    assertThat(allowed(policy, "web", "db")).containsExactly("TCP/5432");
    assertThat(allowed(policy, "web", "probe")).isEmpty();
    assertThat(allowed(policy, "probe", "web"))
        .as("egress-only policy leaves ingress open")
        .isNull();
    assertThat(model(policy).connections())
        .noneMatch(c -> c.from().equals("Pod/shop/web") && c.to().equals(Reachability.INTERNET));
  }

  @Test
  void ipBlockOpensTheInternetWithItsCidr() {
    String policy =
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]\n    ports: [{port: http}]\n";
    var internet =
        model(policy).connections().stream()
            .filter(c -> c.from().equals(Reachability.INTERNET) && c.to().equals("Pod/shop/web"))
            .findFirst()
            .orElseThrow();
    assertThat(internet.ports()).containsExactly("TCP/8080");
    assertThat(internet.via()).containsExactly("0.0.0.0/0 except 10.0.0.0/8");
    assertThat(allowed(policy, "db", "web")).as("ipBlock does not admit pods").isEmpty();
  }

  @Test
  void netpolCommandPrintsTheCliJsonShape() throws IOException {
    Path file = dir.resolve("all.yaml");
    Files.writeString(
        file,
        WORKLOADS
            + "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n");
    CliRunner run = CliRunner.run("netpol", file.toString(), "--format", "json");
    assertThat(run.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.path("schemaVersion").asInt()).isEqualTo(1);
    assertThat(json.path("workloads"))
        .extracting(JsonNode::asText)
        .containsExactly("Pod/shop/web", "Pod/shop/db", "Pod/ops/probe");
    assertThat(json.path("connections"))
        .extracting(c -> c.path("from").asText() + ">" + c.path("to").asText())
        .contains("Pod/ops/probe>internet")
        .noneMatch(s -> s.contains("Pod/shop/"));
    assertThat(CliRunner.run("netpol", file.toString(), "--format", "dot").out())
        .startsWith("digraph netpol {");
  }
}
