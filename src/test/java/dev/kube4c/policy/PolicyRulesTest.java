package dev.kube4c.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kube4c.cli.Main;
import dev.kube4c.config.Config;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.engine.Scanner;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Resource;
import dev.kube4c.rules.RequestAttributes;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.Document;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.Location;
import dev.kube4c.testing.PartitionedOracle;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyRulesTest {

  @TempDir Path dir;

  private static final String DEPLOYMENTS =
      """
        matchConstraints:
          resourceRules:
          - apiGroups: ["apps"]
            apiVersions: ["v1"]
            operations: ["CREATE", "UPDATE", "DELETE"]
            resources: ["deployments"]
        """;

  private static String policy(String name, String body) {
    return "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\n"
        + "metadata: {name: "
        + name
        + "}\nspec:\n"
        + DEPLOYMENTS.stripIndent().indent(2)
        + body.stripIndent().indent(2);
  }

  /** A binding of the policy whose parameter is the ConfigMap {@code configMap} of "config". */
  private static String paramBinding(
      String name, String policy, String action, String configMap, String notFound) {
    return "---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\n"
        + "metadata: {name: "
        + name
        + "}\nspec:\n  policyName: "
        + policy
        + "\n  validationActions: ["
        + action
        + "]\n  paramRef: {name: "
        + configMap
        + ", namespace: config, parameterNotFoundAction: "
        + notFound
        + "}\n";
  }

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop, labels: {team: a}}
      spec:
        replicas: 3
        template: {spec: {containers: [{name: app, image: nginx:1.27}]}}
      """;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private PolicyRules.Loaded load(String text) throws IOException {
    return PolicyRules.load(List.of(write("policies.yaml", text).toString()), System.in);
  }

  @Test
  void badPoliciesAreReportedWithFileLineAndColumnAndTheOthersKept() throws IOException {
    String good = policy("good", "validations:\n- expression: \"object.spec.replicas > 1\"\n");
    String syntax =
        policy("syntax", "validations:\n- expression: \"object.spec.replicas >= && true\"\n");
    String types = policy("types", "validations:\n- expression: \"'a' + 1 == 'a1'\"\n");
    String notBool = policy("not-bool", "validations:\n- expression: \"'text'\"\n");
    String unknown = policy("unknown", "validations:\n- expression: \"object.x.frobnicate()\"\n");
    String empty = policy("empty", "validations: []\n");
    String binding =
        """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: orphan}
        spec: {policyName: nowhere, validationActions: [Deny]}
        """;
    String text = String.join("---\n", good, syntax, types, notBool, unknown, empty, binding);
    PolicyRules.Loaded loaded = load(text);

    assertThat(loaded.rules()).extracting(r -> r.metadata().id()).containsExactly("good/0");
    List<String> lines = text.lines().toList();
    String file = dir.resolve("policies.yaml").toString();
    int syntaxLine = lines.indexOf("  - expression: \"object.spec.replicas >= && true\"") + 1;
    assertThat(loaded.problems())
        .extracting(InputProblem::toString)
        .anySatisfy(
            p ->
                assertThat(p)
                    // the column of "&&" in the file: the expression starts after the quote
                    .startsWith(file + ":" + syntaxLine + ":42: ")
                    .contains("syntax: spec.validations[0].expression: compile error"))
        .anySatisfy(
            p -> assertThat(p).contains("types:").contains("no matching overload for '_+_'"))
        .anySatisfy(
            p -> assertThat(p).contains("not-bool:").contains("must evaluate to bool, not string"))
        .anySatisfy(
            p ->
                assertThat(p).contains("unknown:").contains("undeclared reference to 'frobnicate'"))
        .anySatisfy(p -> assertThat(p).contains("empty:").contains("validations: Required value"))
        .anySatisfy(p -> assertThat(p).contains("orphan: spec.policyName 'nowhere' names no"))
        .hasSize(6);
  }

  @Test
  void aMissingParameterDeniesOrAllowsAsTheBindingSays() throws IOException {
    String text =
        policy(
                "needs-params",
                """
                paramKind: {apiVersion: v1, kind: ConfigMap}
                validations:
                - expression: "object.spec.replicas <= int(params.data.max)"
                """)
            + paramBinding("strict", "needs-params", "Deny", "limits", "Deny")
            + paramBinding("lenient", "needs-params", "Warn", "other-limits", "Allow");
    List<FoundFinding> findings = scan(load(text).rules(), DEPLOYMENT);
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .contains(
                      "no params found for policy binding with `Deny` parameterNotFoundAction")
                  .contains("ConfigMap limits in namespace config");
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
            });
    String withParams =
        DEPLOYMENT
            + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: limits, namespace: config}\n"
            + "data: {max: \"2\"}\n";
    assertThat(scan(load(text).rules(), withParams))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .isEqualTo("failed expression: object.spec.replicas <= int(params.data.max)"));
  }

  @Test
  void aRunawayExpressionIsStoppedByTheCostLimit() throws IOException {
    String text =
        policy(
            "runaway",
            """
            variables:
            - name: ten
              expression: "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"
            validations:
            - expression: >-
                variables.ten.all(a, variables.ten.all(b, variables.ten.all(c,
                variables.ten.all(d, variables.ten.all(e, variables.ten.all(f, a + b + c + d + e + f >= 0))))))
            """);
    long started = System.nanoTime();
    List<FoundFinding> findings = scan(load(text).rules(), DEPLOYMENT);
    assertThat(findings)
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .startsWith("expression 'variables.ten.all(a,")
                    .contains(
                        "resulted in error: operation cancelled: actual cost limit exceeded"));
    assertThat(System.nanoTime() - started).isLessThan(20_000_000_000L);
  }

  /** Two bindings of one policy, each with its own ConfigMap of limits. */
  private static final String MAX_REPLICAS =
      policy(
              "max-replicas",
              """
              paramKind: {apiVersion: v1, kind: ConfigMap}
              variables:
              - name: max
                expression: "int(params.data.max)"
              - name: doubled
                expression: "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(x, x * 2)"
              validations:
              - expression: "object.spec.replicas <= variables.max && size(variables.doubled) == 10"
                messageExpression: "'at most ' + string(variables.max) + ' replicas'"
              """)
          + paramBinding("strict", "max-replicas", "Deny", "strict", "Deny")
          + paramBinding("lenient", "max-replicas", "Deny", "lenient", "Deny")
          + """
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: strict, namespace: config}
          data: {max: "2"}
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: lenient, namespace: config}
          data: {max: "4"}
          """;

  private static String deployments(int... replicas) {
    List<String> documents = new ArrayList<>();
    for (int r : replicas) {
      documents.add(
          DEPLOYMENT
              .replace("name: web", "name: web-" + documents.size())
              .replace("replicas: 3", "replicas: " + r));
    }
    return String.join("---\n", documents);
  }

  @Test
  void aVariableOfTheParamsAloneIsSharedAcrossObjectsPerParameterObject() throws IOException {
    List<InputProblem> problems = new ArrayList<>();
    PolicySet set = PolicySet.of(resources(MAX_REPLICAS), problems);
    assertThat(problems).isEmpty();
    // The values are kept per parameter object: 3 replicas fail the strict limit (2) only, 5 fail
    // both, whichever binding computed its value first.
    assertThat(scan(PolicyRule.of(set, problems), deployments(1, 3, 5, 3)))
        .extracting(FoundFinding::message)
        .containsExactlyInAnyOrder(
            "at most 2 replicas", "at most 2 replicas", "at most 4 replicas", "at most 2 replicas");
  }

  @Test
  void aSharedVariableCostsItsStepsInEveryEvaluationThatReadsIt() throws IOException {
    // One evaluation of the policy takes 94 steps, most of them the doubled variable's. With 93
    // allowed, every object must run out, not only the first, which computes the shared values:
    // the others reuse them, and their steps are counted again.
    assertThat(maxReplicasWithBudget(94)).isEmpty();
    assertThat(maxReplicasWithBudget(93))
        .hasSize(6)
        .allSatisfy(
            f -> assertThat(f.message()).contains("validation cost budget exceeded (more than 93"));
  }

  private static List<FoundFinding> maxReplicasWithBudget(long total) throws IOException {
    List<InputProblem> problems = new ArrayList<>();
    PolicySet set =
        PolicySet.of(resources(MAX_REPLICAS), problems, new PolicyEvaluator(1_000, total));
    return scan(PolicyRule.of(set, problems), deployments(1, 1, 1));
  }

  @Test
  void admissionRequestsSeeOperationOldObjectAndUser() throws IOException {
    String text =
        policy(
            "no-scale-down",
            """
            matchConditions:
            - name: not-by-admins
              expression: "!('system:masters' in request.userInfo.groups)"
            variables:
            - name: old
              expression: "oldObject == null ? 0 : oldObject.spec.replicas"
            validations:
            - expression: "request.operation != 'UPDATE' || object.spec.replicas >= variables.old"
              messageExpression: "request.userInfo.username + ' may not scale ' + request.name + ' down from ' + string(variables.old)"
            - expression: "request.operation != 'DELETE' || oldObject.metadata.labels.team != 'a'"
              message: "team a's Deployments are not deleted"
            """);
    List<Rule> rules = load(text).rules();
    Resource object = resources(DEPLOYMENT).get(0);
    ObjectNode old = object.object().deepCopy();
    ((ObjectNode) old.path("spec")).put("replicas", 5);

    assertThat(admit(rules, object, request("UPDATE", "alice", List.of("dev"), old)))
        .containsExactly("no-scale-down/0: alice may not scale web down from 5");
    assertThat(admit(rules, object, request("UPDATE", "root", List.of("system:masters"), old)))
        .isEmpty();
    assertThat(admit(rules, object, request("DELETE", "alice", List.of(), old)))
        .containsExactly("no-scale-down/1: team a's Deployments are not deleted");
    assertThat(admit(rules, object, request("CREATE", "alice", List.of(), null))).isEmpty();
    // In a scan there is no request: the object is judged as created.
    assertThat(scan(rules, DEPLOYMENT)).isEmpty();
  }

  @Test
  void policyFindingsAreSuppressedByExceptionsAndInEveryFormat() throws IOException {
    Path policy =
        write(
            "policy.yaml",
            policy(
                "max-two",
                """
                validations:
                - expression: "object.spec.replicas <= 2"
                  message: "at most 2 replicas"
                """));
    Path app =
        write("app.yaml", DEPLOYMENT + "---\n" + DEPLOYMENT.replace("name: web", "name: legacy"));
    Path config =
        write(
            "config.yaml",
            "exceptions:\n- rule: max-two/0\n  resources: [\"Deployment/shop/legacy\"]\n  reason: vendor\n");
    String json =
        run(
            "scan",
            app.toString(),
            "--policy",
            policy.toString(),
            "--config",
            config.toString(),
            "-f",
            "json",
            "--rule",
            "max-two/0");
    JsonNode report = new YAMLMapper().readTree(json);
    assertThat(report.path("findings")).hasSize(1);
    assertThat(report.path("findings").get(0).path("ruleId").asText()).isEqualTo("max-two/0");
    assertThat(report.path("findings").get(0).path("message").asText())
        .isEqualTo("at most 2 replicas");
    assertThat(report.path("findings").get(0).path("location").path("line").asInt()).isEqualTo(1);
    assertThat(report.path("suppressed")).hasSize(1);
    for (String format : List.of("sarif", "junit", "markdown", "html", "text")) {
      assertThat(
              run(
                  "scan",
                  app.toString(),
                  "--policy",
                  policy.toString(),
                  "-f",
                  format,
                  "--rule",
                  "max-two/0"))
          .contains("max-two/0");
    }
    // Policies among the scanned files apply too, unless turned off; policies: in the config.
    Path both = write("both.yaml", DEPLOYMENT + "---\n" + Files.readString(policy));
    assertThat(run("scan", both.toString(), "-f", "json")).contains("\"ruleId\" : \"max-two/0\"");
    assertThat(run("scan", both.toString(), "-f", "json", "--no-input-policies"))
        .doesNotContain("max-two/0");
    Path withPolicies = write("with-policies.yaml", "policies: [policy.yaml]\n");
    assertThat(run("scan", app.toString(), "--config", withPolicies.toString(), "-f", "json"))
        .contains("max-two/0");
    assertThat(run("rules", "--policy", policy.toString()))
        .contains("max-two/0")
        .contains("at most 2 replicas");
  }

  @Test
  void theShippedPoliciesPassTheirTests() throws IOException {
    PolicyTest.Run run = PolicyTest.run(Path.of("policies"), System.in);
    assertThat(run.problems()).isEmpty();
    assertThat(run.cases())
        .allSatisfy(c -> assertThat(c.passed()).as(c.name() + " " + c.detail()).isTrue());
    assertThat(run.cases().stream().map(PolicyTest.Case::suite).distinct())
        .hasSizeGreaterThanOrEqualTo(15);
    assertThat(run.cases()).extracting(PolicyTest.Case::expected).contains("pass", "fail", "skip");
  }

  @Test
  void aFailingPolicyTestFailsTheCommandWithJUnitOutput() throws IOException {
    write(
        "policy.yaml",
        policy("max-two", "validations:\n- expression: \"object.spec.replicas <= 2\"\n"));
    write("resources.yaml", DEPLOYMENT);
    write(
        PolicyTest.FILE_NAME,
        "policies: [policy.yaml]\nresources: [resources.yaml]\nresults:\n"
            + "- {policy: max-two, resource: Deployment/shop/web, result: pass}\n");
    Path junit = dir.resolve("junit.xml");
    StringWriter out = new StringWriter();
    int code =
        Main.run(
            new String[] {"test", dir.toString(), "--junit", junit.toString()},
            new PrintWriter(out),
            new PrintWriter(new StringWriter()));
    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("FAIL  ")
        .contains("got fail: failed expression: object.spec.replicas <= 2");
    assertThat(Files.readString(junit))
        .contains("<testsuites name=\"kube4c test\" tests=\"1\" failures=\"1\"")
        .contains("<failure message=");
    write(PolicyTest.FILE_NAME, "policies: [policy.yaml]\nresults: []\ntypo: 1\n");
    assertThat(
            Main.run(
                new String[] {"test", dir.toString()},
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())))
        .isEqualTo(2);
  }

  @Test
  void filesScannedANamespaceAtATimeFindParamsListedBeforeTheirBinding() throws IOException {
    // The ConfigMaps come first, the policy and its bindings after: a namespace-at-a-time scan
    // learns which params policies read only at the end of the input.
    int params = MAX_REPLICAS.indexOf("---\napiVersion: v1\nkind: ConfigMap");
    write("a-params.yaml", MAX_REPLICAS.substring(params));
    write("b-policy.yaml", MAX_REPLICAS.substring(0, params));
    write("c-deployments.yaml", deployments(1, 3, 5));
    String whole = scanReport();
    String streamed = scanReport("--stream-above-mb", "0");
    assertThat(whole.split("at most 2 replicas", -1)).hasSize(3); // 3 and 5 replicas
    assertThat(streamed).isEqualTo(whole);
  }

  /** The JSON report of a scan of {@code dir}, without its time. */
  private String scanReport(String... options) throws IOException {
    Path report = dir.resolve("report.json");
    List<String> args = new ArrayList<>(List.of("scan", dir.toString(), "-f", "json", "-o"));
    args.add(report.toString());
    args.addAll(List.of(options));
    Main.run(
        args.toArray(String[]::new),
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
    String text = Files.readString(report);
    Files.delete(report);
    return text.replaceAll("\"scannedAt\" *: *\"[^\"]*\"", "");
  }

  @Test
  void aClusterHeldOneNamespaceAtATimeGivesTheSameFindings() throws IOException {
    List<ObjectNode> objects = new ArrayList<>();
    List<Resource> policyObjects = new ArrayList<>();
    YAMLMapper yaml = new YAMLMapper();
    try (var dirs = Files.list(Path.of("policies"))) {
      for (Path d : dirs.sorted().toList()) {
        for (String file : List.of("policy.yaml", "params.yaml", "resources.yaml")) {
          if (Files.exists(d.resolve(file))) {
            for (JsonNode doc :
                yaml.readValues(yaml.createParser(d.resolve(file).toFile()), JsonNode.class)
                    .readAll()) {
              objects.add((ObjectNode) doc);
            }
          }
        }
      }
    }
    // As a cluster lists them: cluster-scoped kinds (policies, bindings) first; one object per
    // name.
    objects.sort(
        java.util.Comparator.comparing(
            (ObjectNode o) -> o.path("metadata").has("namespace") ? 1 : 0));
    List<ObjectNode> unique = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (ObjectNode o : objects) {
      String key =
          o.path("kind").asText()
              + "/"
              + o.path("metadata").path("namespace").asText()
              + "/"
              + o.path("metadata").path("name").asText();
      if (seen.add(key)) {
        unique.add(o);
      }
    }
    Scanner scanner =
        new Scanner(
            RuleCatalogue.builtIn(),
            (inventory, known, problems) -> {
              PolicyRules.Loaded loaded = PolicyRules.fromInventory(inventory, known);
              problems.addAll(loaded.problems());
              return loaded.rules();
            });
    PartitionedOracle.Outcome outcome =
        PartitionedOracle.compare(scanner, ScanRequest.defaults(Config.DEFAULT), unique);
    assertThat(outcome.differences()).isEmpty();
    assertThat(outcome.parts().findings())
        .anySatisfy(f -> assertThat(f.ruleId()).isEqualTo("allowed-registries/0"))
        .anySatisfy(f -> assertThat(f.ruleId()).isEqualTo("loadbalancer-edge-only/0"))
        .noneSatisfy(f -> assertThat(f.message()).contains("no params found"));
  }

  @Test
  void authorizerChecksServiceAccountsAgainstTheScannedRbac() throws IOException {
    String text =
        policy(
                "deployer-can-create",
                """
            validations:
            - expression: >-
                authorizer.serviceAccount(object.metadata.namespace, 'deployer').group('apps')
                .resource('deployments').namespace(object.metadata.namespace).check('create').allowed()
              messageExpression: "'deployer may not create Deployments in ' + object.metadata.namespace"
            - expression: >-
                authorizer.serviceAccount('shop', 'deployer').group('apps').resource('deployments')
                .namespace('shop').check('create').reason() == ''
              messageExpression: >-
                authorizer.serviceAccount('shop', 'deployer').group('apps').resource('deployments')
                .namespace('shop').check('create').reason()
            """)
            + "---\n"
            + policy(
                "who-asks",
                """
            validations:
            - expression: "!authorizer.group('').resource('pods').check('get').errored()"
              messageExpression: "authorizer.group('').resource('pods').check('get').error()"
            """);
    String rbac =
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: deploy, namespace: shop}
        rules:
        - apiGroups: [apps]
          resources: [deployments]
          verbs: [create, update]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: deployer-deploys, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deploy}
        subjects:
        - {kind: ServiceAccount, name: deployer, namespace: shop}
        ---
        """;
    String elsewhere = DEPLOYMENT.replace("namespace: shop", "namespace: prod");

    List<FoundFinding> findings = scan(load(text).rules(), rbac + DEPLOYMENT + "---\n" + elsewhere);

    assertThat(findings)
        .filteredOn(f -> f.rule().equals("deployer-can-create/0"))
        .extracting(FoundFinding::message)
        .containsExactly("deployer may not create Deployments in prod");
    assertThat(findings)
        .filteredOn(f -> f.rule().equals("deployer-can-create/1"))
        .extracting(FoundFinding::message)
        .containsOnly(
            "RBAC: allowed by RoleBinding \"deployer-deploys\" of Role \"deploy\" to"
                + " ServiceAccount \"deployer\"");
    assertThat(findings)
        .filteredOn(f -> f.rule().equals("who-asks/0"))
        .extracting(FoundFinding::message)
        .hasSize(2)
        .allSatisfy(m -> assertThat(m).startsWith("a scan has no requesting user"));
  }

  @Test
  void authorizerAnswersForTheRequestingUserAtAdmission() throws IOException {
    String text =
        policy(
            "admins-only",
            """
            validations:
            - expression: "authorizer.requestResource.check('delete').allowed()"
              messageExpression: "request.userInfo.username + ' may not delete ' + request.name"
            """);
    List<Rule> rules = load(text).rules();
    Resource object = resources(DEPLOYMENT).get(0);

    assertThat(admit(rules, object, request("UPDATE", "alice", List.of("dev"), null)))
        .containsExactly("admins-only/0: alice may not delete web");
    assertThat(admit(rules, object, request("UPDATE", "root", List.of("system:masters"), null)))
        .as("system:masters is allowed before RBAC, as by the API server")
        .isEmpty();
  }

  record FoundFinding(String rule, String message, Severity severity) {}

  private static List<Resource> resources(String yaml) throws IOException {
    YAMLMapper mapper = new YAMLMapper();
    List<Document> documents = new ArrayList<>();
    for (JsonNode doc : mapper.readValues(mapper.createParser(yaml), JsonNode.class).readAll()) {
      documents.add(new Document((ObjectNode) doc, new Location("app.yaml", 1, 1)));
    }
    return Inventory.of(documents, List.of()).resources();
  }

  private static List<FoundFinding> scan(List<Rule> rules, String yaml) throws IOException {
    Inventory inventory = Inventory.ofResources(resources(yaml), List.of());
    return check(rules, new RuleContext(inventory, Config.DEFAULT, LocalDate.now()));
  }

  private static List<FoundFinding> check(List<Rule> rules, RuleContext context) {
    List<FoundFinding> found = new ArrayList<>();
    for (Rule rule : rules) {
      rule.check(
          context,
          (ref, location, message, severity) ->
              found.add(new FoundFinding(rule.metadata().id(), message, severity)));
    }
    return found;
  }

  private static List<String> admit(List<Rule> rules, Resource object, RequestAttributes request) {
    Inventory inventory = Inventory.ofResources(List.of(object), List.of());
    RuleContext context =
        new RuleContext(inventory, Config.DEFAULT, LocalDate.now(), null, request);
    return check(rules, context).stream().map(f -> f.rule() + ": " + f.message()).toList();
  }

  private static RequestAttributes request(
      String operation, String user, List<String> groups, JsonNode old) {
    return new RequestAttributes(
        operation,
        null,
        "apps",
        "v1",
        "deployments",
        "Deployment",
        "shop",
        "web",
        user,
        null,
        groups,
        Map.of(),
        false,
        old);
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return out + err.toString();
  }
}
