package dev.kube4c.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.cli.Main;
import dev.kube4c.config.Config;
import dev.kube4c.engine.Pipeline;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.engine.Scanner;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.policy.PolicyRules;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.source.InputSummary;
import dev.kube4c.testing.FindingLines;
import dev.kube4c.testing.Fixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kube4c scan --cluster against fabric8's mock API server in CRUD mode (with paging and faults, see
 * MockApiServer).
 */
class ClusterScanTest {

  private static final Pipeline PIPELINE = new Pipeline(RuleCatalogue.builtIn());
  private static final ScanRequest REQUEST =
      new ScanRequest(Config.DEFAULT, null, null, null, Fixtures.TODAY);

  @TempDir Path dir;
  private MockApiServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = new MockApiServer();
    client = server.client();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private ScanResult scan(int pageSize) {
    return scan(pageSize, ClusterTarget.REQUEST_TIMEOUT);
  }

  private ScanResult scan(int pageSize, java.time.Duration requestTimeout) {
    return new ClusterScan(PIPELINE.scanner())
        .scan(
            client,
            "cluster/test",
            REQUEST,
            List.of(),
            new ClusterScan.Options(null, pageSize, requestTimeout, ClusterReader.Listener.NONE));
  }

  private static ObjectNode deployment(String namespace, String name) {
    return ClusterObjects.parse(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: %s}
        spec:
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers:
                - name: app
                  image: nginx:1.27
                  securityContext: {privileged: true}
        """
            .formatted(name, namespace, name, name));
  }

  private void addDeployments(int count) {
    IntStream.range(0, count)
        .forEach(
            i ->
                server.add(
                    ClusterObjects.BY_KIND.get("Deployment"),
                    deployment("ns-" + (i % 4), "web-" + i)));
  }

  private static List<String> privileged(ScanResult result) {
    return result.findings().stream()
        .filter(f -> f.ruleId().equals("container-privileged"))
        .map(f -> f.resource().display())
        .sorted()
        .toList();
  }

  @Test
  void listsEveryPageOnceAndFindsEveryObject() {
    addDeployments(25);
    ScanResult result = scan(10);

    assertThat(privileged(result))
        .hasSize(25)
        .contains("Deployment/ns-0/web-0", "Deployment/ns-3/web-23");
    List<String> deploymentLists =
        server.requests().stream().filter(p -> p.startsWith("/apis/apps/v1/deployments?")).toList();
    assertThat(deploymentLists).hasSize(3); // 10 + 10 + 5
    assertThat(deploymentLists.get(1)).contains("continue=");
    // One LIST per kind per page: the empty kinds cost one call each, nothing more.
    long kinds = ApiKind.NEEDED.stream().filter(k -> !k.optional()).count();
    assertThat(server.listCalls()).isEqualTo(kinds + 2).isEqualTo(server.pagesNeeded());
    assertThat(result.errors()).isEmpty();
    Finding finding =
        result.findings().stream()
            .filter(f -> f.ruleId().equals("container-privileged"))
            .findFirst()
            .orElseThrow();
    assertThat(finding.location().source()).isEqualTo("cluster/test");
    assertThat(result.inputs().get(0)).isEqualTo(new InputSummary("cluster/test", 25, 25, 0, null));
  }

  @Test
  void oneNamespaceListsItsObjectsAndTheClusterScopedOnes() {
    addDeployments(8);
    ScanResult result =
        new ClusterScan(PIPELINE.scanner())
            .scan(
                client,
                "cluster/test",
                REQUEST,
                List.of(),
                new ClusterScan.Options(
                    "ns-1", 500, ClusterTarget.REQUEST_TIMEOUT, ClusterReader.Listener.NONE));

    assertThat(privileged(result))
        .containsExactly("Deployment/ns-1/web-1", "Deployment/ns-1/web-5");
    assertThat(server.requests())
        .contains("/apis/apps/v1/namespaces/ns-1/deployments?limit=500")
        .anyMatch(p -> p.startsWith("/apis/rbac.authorization.k8s.io/v1/clusterroles?"))
        .noneMatch(p -> p.startsWith("/apis/apps/v1/deployments?"));
  }

  /**
   * Rules that reach across namespaces see the whole cluster although namespaces are scanned one at
   * a time: a RoleBinding in one namespace grants a ServiceAccount of another, whose pods run
   * there.
   */
  @Test
  void crossNamespaceRulesSeeTheWholeCluster() {
    server.add(
        ClusterObjects.BY_KIND.get("ClusterRole"),
        ClusterObjects.parse(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: exec-anything}
            rules: [{apiGroups: [""], resources: [pods/exec], verbs: [create]}]
            """));
    server.add(
        ClusterObjects.BY_KIND.get("RoleBinding"),
        ClusterObjects.parse(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: ci-exec, namespace: prod}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: exec-anything}
            subjects: [{kind: ServiceAccount, name: runner, namespace: ci}]
            """));
    server.add(
        ClusterObjects.BY_KIND.get("Deployment"),
        ClusterObjects.parse(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: runner, namespace: ci}
            spec:
              selector: {matchLabels: {app: runner}}
              template:
                metadata: {labels: {app: runner}}
                spec:
                  serviceAccountName: runner
                  containers: [{name: app, image: "runner:1.0"}]
            """));

    ScanResult result = scan(500);

    Finding exec =
        result.findings().stream()
            .filter(f -> f.ruleId().equals("rbac-pod-exec"))
            .findFirst()
            .orElseThrow();
    assertThat(exec.resource().display()).isEqualTo("RoleBinding/prod/ci-exec");
    assertThat(exec.message()).contains("Deployment/ci/runner");
    assertThat(result.notes())
        .anyMatch(n -> n.contains("2 namespaces scanned separately, one per core"));
  }

  @Test
  void forbiddenKindIsACoverageGapNotAnError() {
    addDeployments(3);
    server.forbid("/apis/rbac.authorization.k8s.io/v1/clusterroles");
    ScanResult result = scan(500);

    assertThat(result.errors()).isEmpty();
    assertThat(result.exitCode(null)).isZero();
    assertThat(privileged(result)).hasSize(3);
    assertThat(result.inputs())
        .anySatisfy(
            input -> {
              assertThat(input.source())
                  .isEqualTo("cluster/test/clusterroles.rbac.authorization.k8s.io");
              assertThat(input.skipped())
                  .startsWith("coverage gap: forbidden (HTTP 403)")
                  .contains("cannot list");
            });
    assertThat(result.notes())
        .anyMatch(
            n ->
                n.startsWith(
                    "coverage gap: clusterroles.rbac.authorization.k8s.io not listed: forbidden"));
  }

  @Test
  void throttledRequestsAreRetriedWithBackOff() {
    addDeployments(12);
    server.throttle("/apis/apps/v1/deployments", 3);
    ScanResult result = scan(5);

    assertThat(result.errors()).isEmpty();
    assertThat(privileged(result)).hasSize(12);
    // 3 answers of 429, then the 3 pages.
    assertThat(server.requests().stream().filter(p -> p.startsWith("/apis/apps/v1/deployments?")))
        .hasSize(6);
  }

  @Test
  void throttlingThatNeverStopsIsAClearError() {
    addDeployments(2);
    server.throttle("/apis/apps/v1/deployments", 1000);
    ScanResult result = scan(500);

    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .contains("deployments.apps")
                    .contains("HTTP 429")
                    .contains("partial"));
    assertThat(result.exitCode(null)).isEqualTo(2);
  }

  @Test
  void aListThatTimesOutIsReportedAsPartialAndTheRestIsScanned() {
    addDeployments(2);
    server.add(
        ClusterObjects.BY_KIND.get("Pod"),
        ClusterObjects.parse(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: lonely, namespace: ns-0}
            spec:
              containers:
                - name: app
                  image: nginx:1.27
                  securityContext: {privileged: true}
            """));
    server.delay("/apis/apps/v1/deployments", java.time.Duration.ofSeconds(3));
    ScanResult result = scan(500, java.time.Duration.ofSeconds(1));

    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .isEqualTo(
                        "listing deployments.apps: no answer within 1 s; results for this kind are"
                            + " partial"));
    assertThat(privileged(result)).containsExactly("Pod/ns-0/lonely");
    assertThat(result.exitCode(null)).isEqualTo(2);
  }

  @Test
  void rejectedCredentialsStopTheScanWithAMessage() {
    server.rejectCredentials();
    assertThatThrownBy(() -> scan(500))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("rejected the credentials (HTTP 401");
  }

  @Test
  void controllerMadeObjectsAreSkipped() {
    server.add(ClusterObjects.BY_KIND.get("Deployment"), deployment("shop", "web"));
    ObjectNode pod =
        ClusterObjects.parse(
            """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-abc
          namespace: shop
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-1, uid: u1, controller: true}]
        spec:
          containers: [{name: app, image: nginx:1.27, securityContext: {privileged: true}}]
        """);
    server.add(ClusterObjects.BY_KIND.get("Pod"), pod);
    ScanResult result = scan(500);

    assertThat(privileged(result)).containsExactly("Deployment/shop/web");
    assertThat(result.notes().get(0))
        .contains("2 objects, 1 made by a scanned controller and skipped");
  }

  @Test
  void customResourceKindsAreListedOnlyWhenServed() {
    ObjectNode peer =
        ClusterObjects.parse(
            """
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: istio-system}
        spec: {mtls: {mode: PERMISSIVE}}
        """);
    assertThat(scan(500).resources()).isZero();
    assertThat(server.requests())
        .noneMatch(p -> p.startsWith("/apis/security.istio.io/v1/peerauthentications"));

    server.add(ClusterObjects.BY_KIND.get("PeerAuthentication"), peer);
    ScanResult result = scan(500);
    assertThat(result.resources()).isEqualTo(1);
    assertThat(result.inputs()).hasSize(1); // no gap for kinds that are simply not installed
  }

  @Test
  void customResourceParamsOfTheClustersPoliciesAreListed() {
    server.add(
        ClusterObjects.BY_KIND.get("ValidatingAdmissionPolicy"),
        ClusterObjects.parse(
            """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: registries}
            spec:
              paramKind: {apiVersion: example.com/v1, kind: RegistryConfig}
              matchConstraints:
                resourceRules:
                - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
              validations:
              - expression: "object.spec.template.spec.containers.all(c, c.image.startsWith(params.spec.prefix))"
                messageExpression: "'images must come from ' + params.spec.prefix"
            """));
    server.add(
        ClusterObjects.BY_KIND.get("ValidatingAdmissionPolicyBinding"),
        ClusterObjects.parse(
            """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: registries}
            spec:
              policyName: registries
              validationActions: [Deny]
              paramRef: {name: allowed, namespace: policy, parameterNotFoundAction: Deny}
            """));
    ApiKind registryConfig =
        new ApiKind("example.com", "v1", "registryconfigs", "RegistryConfig", true, true);
    server.add(
        registryConfig,
        ClusterObjects.parse(
            """
            apiVersion: example.com/v1
            kind: RegistryConfig
            metadata: {name: allowed, namespace: policy}
            spec: {prefix: registry.example/}
            """));
    server.add(ClusterObjects.BY_KIND.get("Deployment"), deployment("shop", "web"));
    // The cluster's own policies become rules, as `kube4c scan --cluster` makes them.
    Scanner.InputRules clusterPolicies =
        (inventory, known, problems) -> {
          PolicyRules.Loaded loaded = PolicyRules.fromInventory(inventory, known);
          problems.addAll(loaded.problems());
          return loaded.rules();
        };

    ScanResult result =
        new ClusterScan(new Pipeline(RuleCatalogue.builtIn(), clusterPolicies).scanner())
            .scan(
                client,
                "cluster/test",
                REQUEST,
                List.of(),
                new ClusterScan.Options(
                    null, 500, ClusterTarget.REQUEST_TIMEOUT, ClusterReader.Listener.NONE));

    assertThat(server.requests())
        .anyMatch(p -> p.startsWith("/apis/example.com/v1/registryconfigs"));
    assertThat(result.findings())
        .filteredOn(f -> f.ruleId().equals("registries/0"))
        .extracting(f -> f.resource().display() + ": " + f.message())
        .containsExactly("Deployment/shop/web: images must come from registry.example/");
  }

  /** The same objects give the same findings whether they come from files or from the cluster. */
  @Test
  void clusterScanEqualsFileScan() throws IOException {
    List<String> sources = new ArrayList<>(List.of(Fixtures.RULE_FIXTURES.toString()));
    Fixtures.sharedIfPresent("corpus/GoogleCloudPlatform__microservices-demo")
        .ifPresent(p -> sources.add(p.toString()));
    Fixtures.sharedIfPresent("corpus/BishopFox__badPods").ifPresent(p -> sources.add(p.toString()));
    List<ObjectNode> objects = ClusterObjects.from(sources);
    assertThat(objects).hasSizeGreaterThan(50);
    Path file = ClusterObjects.write(objects, dir.resolve("objects.yaml"));
    ClusterObjects.load(server, objects);

    ScanResult fromFiles = Fixtures.scan(List.of(file.toString()), REQUEST);
    ScanResult fromCluster = scan(7);

    assertThat(fromCluster.resources()).isEqualTo(fromFiles.resources());
    assertThat(fromCluster.findings()).hasSizeGreaterThan(100);
    assertThat(comparable(fromCluster)).containsExactlyInAnyOrderElementsOf(comparable(fromFiles));
    assertThat(fromCluster.scores()).isEqualTo(fromFiles.scores());
  }

  private static List<String> comparable(ScanResult result) {
    return FindingLines.of(result.findings());
  }

  @Test
  void kubeconfigContextsPickTheirClusterAndCredentials() throws IOException {
    try (MockApiServer other = new MockApiServer()) {
      other.add(ClusterObjects.BY_KIND.get("Deployment"), deployment("prod", "api"));
      addDeployments(1);
      Path plugin = dir.resolve("credential-plugin.sh");
      Files.writeString(
          plugin,
          """
          #!/bin/sh
          echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"from-exec-plugin"}}'
          """);
      Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path kubeconfig = dir.resolve("config");
      Files.writeString(
          kubeconfig,
          """
          apiVersion: v1
          kind: Config
          current-context: dev
          clusters:
            - name: dev
              cluster: {server: "%s"}
            - name: prod
              cluster: {server: "%s"}
          users:
            - name: dev-user
              user: {token: dev-token-123456}
            - name: prod-user
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: %s
                  interactiveMode: Never
          contexts:
            - name: dev
              context: {cluster: dev, user: dev-user}
            - name: prod
              context: {cluster: prod, user: prod-user, namespace: prod}
          """
              .formatted(server.url(), other.url(), plugin));

      ClusterTarget current = ClusterTarget.resolve(kubeconfig, null);
      assertThat(current.name()).isEqualTo("cluster/dev");
      ScanResult dev =
          new ClusterScan(PIPELINE.scanner())
              .scan(current, REQUEST, List.of(), ClusterScan.Options.allNamespaces());
      assertThat(privileged(dev)).containsExactly("Deployment/ns-0/web-0");
      assertThat(server.authorizationHeaders()).contains("Bearer dev-token-123456");

      ClusterTarget prod = ClusterTarget.resolve(kubeconfig, "prod");
      assertThat(prod.name()).isEqualTo("cluster/prod");
      ScanResult prodResult =
          new ClusterScan(PIPELINE.scanner())
              .scan(prod, REQUEST, List.of(), ClusterScan.Options.allNamespaces());
      assertThat(privileged(prodResult)).containsExactly("Deployment/prod/api");
      assertThat(prodResult.findings())
          .filteredOn(
              f -> f.location() != null) // namespace-level findings on absent Namespaces have none
          .allSatisfy(f -> assertThat(f.location().source()).isEqualTo("cluster/prod"));
      assertThat(other.authorizationHeaders()).contains("Bearer from-exec-plugin");

      assertThatThrownBy(() -> ClusterTarget.resolve(kubeconfig, "staging"))
          .isInstanceOf(ClusterException.class)
          .hasMessage("context \"staging\" not found in the kubeconfig; known contexts: dev, prod");
    }
  }

  @Test
  void kubeconfigListIsMergedLikeKubectl() throws IOException {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    Files.writeString(
        first,
        """
        apiVersion: v1
        kind: Config
        current-context: a
        clusters: [{name: a, cluster: {server: "http://127.0.0.1:1"}}]
        users: [{name: a, user: {token: a}}]
        contexts: [{name: a, context: {cluster: a, user: a}}]
        """);
    Files.writeString(
        second,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: b, cluster: {server: "%s"}}]
        users: [{name: b, user: {token: b-token}}]
        contexts: [{name: b, context: {cluster: b, user: b}}]
        """
            .formatted(server.url()));
    // fabric8 reads KUBECONFIG from the environment or, first, from this system property.
    String saved = System.getProperty("kubeconfig");
    System.setProperty("kubeconfig", first + java.io.File.pathSeparator + second);
    try {
      ClusterTarget target = ClusterTarget.resolve(null, "b");
      assertThat(target.name()).isEqualTo("cluster/b");
      assertThat(target.config().getMasterUrl()).startsWith(server.url());
      assertThat(ClusterTarget.resolve(null, null).name()).isEqualTo("cluster/a");
    } finally {
      if (saved == null) {
        System.clearProperty("kubeconfig");
      } else {
        System.setProperty("kubeconfig", saved);
      }
    }
  }

  @Test
  void commandLineWritesSourceInsteadOfLocation() throws IOException {
    addDeployments(2);
    Path kubeconfig = dir.resolve("config");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        current-context: kind-test
        clusters: [{name: c, cluster: {server: "%s"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: kind-test, context: {cluster: c, user: u}}]
        """
            .formatted(server.url()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path json = dir.resolve("report.json");
    int code =
        Main.run(
            new String[] {
              "scan",
              "--cluster",
              "--kubeconfig",
              kubeconfig.toString(),
              "-f",
              "json",
              "-o",
              json.toString(),
              "--rule",
              "container-privileged"
            },
            new PrintWriter(out),
            new PrintWriter(err));

    assertThat(code).as(err.toString()).isEqualTo(1);
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.path("inputs").get(0).path("source").asText()).isEqualTo("cluster/kind-test");
    assertThat(report.path("findings"))
        .hasSize(2)
        .allSatisfy(
            f -> {
              assertThat(f.path("source").asText()).isEqualTo("cluster/kind-test");
              assertThat(f.has("location")).isFalse();
            });

    StringWriter unknown = new StringWriter();
    int failed =
        Main.run(
            new String[] {
              "scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "--context", "nope"
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(unknown));
    assertThat(failed).isEqualTo(2);
    assertThat(unknown.toString())
        .contains("context \"nope\" not found")
        .doesNotContain("at dev.kube4c");
  }

  @Test
  void clusterOptionsNeedCluster() {
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {"scan", "--context", "x", "."},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("need --cluster");
  }

  @Test
  void requestTimeoutIsCheckedLikeKubectlsFlag() {
    for (String bad : List.of("0", "5x", "-1s", "1.5m")) {
      StringWriter err = new StringWriter();
      int code =
          Main.run(
              new String[] {"scan", "--cluster", "--request-timeout", bad},
              new PrintWriter(new StringWriter()),
              new PrintWriter(err));
      assertThat(code).as(bad).isEqualTo(2);
      assertThat(err.toString())
          .as(bad)
          .contains("--request-timeout " + bad + ": give a duration above zero");
    }
  }
}
