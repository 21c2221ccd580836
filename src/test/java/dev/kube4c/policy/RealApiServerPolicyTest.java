package dev.kube4c.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kube4c.cli.CliRunner;
import dev.kube4c.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped policies judged by a real kube-apiserver and by kube4c: every test resource of
 * policies/ is created with server-side dry run under its policy alone, and the API server's
 * admit/deny and denial message must be kube4c's finding (or its absence) for that resource.
 */
class RealApiServerPolicyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String DENIED = "denied request: ";
  private static final String NOT_CONFIGURED = "failed to configure binding";

  @Test
  void shippedPoliciesGiveTheApiServersVerdictsAndMessages() throws Exception {
    Path binaries = RealApiServer.binariesOrSkip("RealApiServerPolicyTest");
    List<Path> dirs;
    try (Stream<Path> listing = Files.list(Path.of("policies"))) {
      dirs = listing.filter(d -> Files.isRegularFile(d.resolve("policy.yaml"))).sorted().toList();
    }
    assertThat(dirs).hasSizeGreaterThanOrEqualTo(15);
    Map<String, String> byApiServer = new TreeMap<>();
    Map<String, String> byKube4c = new TreeMap<>();
    try (RealApiServer server = RealApiServer.start(binaries);
        KubernetesClient admin = server.client(RealApiServer.ADMIN_TOKEN)) {
      // Every policy's params exist before any policy does, as in a cluster set up for them: a
      // param created after kube-apiserver v1.34.4 began watching its kind was not found here.
      for (Path dir : dirs) {
        createNamespacesAndParams(admin, dir);
      }
      for (Path dir : dirs) {
        judgeWithApiServer(admin, dir, byApiServer);
        byKube4c.putAll(judgeWithKube4c(dir));
      }
    }
    assertThat(byApiServer).hasSizeGreaterThanOrEqualTo(30);
    assertThat(byApiServer.values()).anyMatch(v -> v.startsWith("denied"));
    assertThat(byKube4c).isEqualTo(byApiServer);
  }

  /** "policy Kind/ns/name" -> "admitted" or "denied: message", as the API server answers. */
  private static void judgeWithApiServer(
      KubernetesClient admin, Path dir, Map<String, String> verdicts)
      throws IOException, InterruptedException {
    String policy = dir.getFileName().toString();
    List<HasMetadata> policyObjects = load(admin, dir.resolve("policy.yaml"));
    List<HasMetadata> resources = load(admin, dir.resolve("resources.yaml"));
    policyObjects.forEach(o -> admin.resource(o).create());
    List<HasMetadata> judged = resources.stream().filter(r -> !isNamespace(r)).toList();
    // The API server applies a new policy once its informers have it and its params: wait until
    // some answer is a denial and none says the binding is not configured yet (no params seen).
    Map<String, String> answers = new TreeMap<>();
    long deadline = System.nanoTime() + 15_000_000_000L;
    do {
      answers.clear();
      for (HasMetadata resource : judged) {
        answers.put(policy + " " + display(resource), dryRunCreate(admin, resource));
      }
    } while ((answers.values().stream().noneMatch(a -> a.startsWith("denied"))
            || answers.values().stream().anyMatch(a -> a.contains(NOT_CONFIGURED)))
        && System.nanoTime() < deadline
        && sleep());
    verdicts.putAll(answers);
    // Unbind the policy (a policy without binding judges nothing) but keep it: kube-apiserver
    // v1.34.4 stops watching a paramKind when the last policy with it goes, and does not watch it
    // again for a later policy, which then finds no params ("failed to configure binding").
    policyObjects.stream()
        .filter(o -> o.getKind().equals("ValidatingAdmissionPolicyBinding"))
        .forEach(o -> admin.resource(o).delete());
    // Wait until the binding is gone, so that the policy cannot judge the next one's resources.
    long gone = System.nanoTime() + 15_000_000_000L;
    while (judged.stream().anyMatch(r -> dryRunCreate(admin, r).startsWith("denied"))
        && System.nanoTime() < gone) {
      Thread.sleep(200);
    }
  }

  /** The Namespaces and params a policy's tests use, created for real. */
  private static void createNamespacesAndParams(KubernetesClient admin, Path dir)
      throws IOException {
    List<HasMetadata> params =
        Files.exists(dir.resolve("params.yaml"))
            ? load(admin, dir.resolve("params.yaml"))
            : List.of();
    List<HasMetadata> objects = concat(load(admin, dir.resolve("resources.yaml")), params);
    for (HasMetadata object : objects) {
      if (isNamespace(object)) {
        createOrKeep(admin, object);
      }
    }
    // Namespaces that the files use without defining (the API server needs them to exist).
    for (HasMetadata object : objects) {
      String namespace = object.getMetadata().getNamespace();
      if (namespace != null && admin.namespaces().withName(namespace).get() == null) {
        createOrKeep(
            admin,
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .endMetadata()
                .build());
      }
    }
    params.stream().filter(p -> !isNamespace(p)).forEach(p -> createOrKeep(admin, p));
  }

  /** The same keys from kube4c's scan of the resources with the policy (and its params). */
  private static Map<String, String> judgeWithKube4c(Path dir) throws IOException {
    String policy = dir.getFileName().toString();
    String policies =
        dir.resolve("policy.yaml")
            + (Files.exists(dir.resolve("params.yaml")) ? "," + dir.resolve("params.yaml") : "");
    CliRunner run =
        CliRunner.run(
            "scan",
            "-f",
            "json",
            "--fail-on",
            "none",
            "--no-input-policies",
            "--policy",
            policies,
            dir.resolve("resources.yaml").toString());
    JsonNode report = JSON.readTree(run.out());
    Map<String, String> verdicts = new TreeMap<>();
    for (JsonNode doc :
        YAML.readValues(YAML.createParser(dir.resolve("resources.yaml").toFile()), JsonNode.class)
            .readAll()) {
      if (!doc.path("kind").asText().equals("Namespace")) {
        verdicts.put(
            policy + " " + display(doc.path("kind").asText(), doc.path("metadata")), "admitted");
      }
    }
    // The API server's message is the first failing validation's, as the lowest rule id here.
    Map<String, String> firstRule = new TreeMap<>();
    for (JsonNode finding : report.path("findings")) {
      String rule = finding.path("ruleId").asText();
      if (rule.startsWith(policy + "/")) {
        String key =
            policy
                + " "
                + display(finding.path("resource").path("kind").asText(), finding.path("resource"));
        if (!firstRule.containsKey(key) || rule.compareTo(firstRule.get(key)) < 0) {
          firstRule.put(key, rule);
          verdicts.put(key, "denied: " + finding.path("message").asText());
        }
      }
    }
    return verdicts;
  }

  private static String dryRunCreate(KubernetesClient admin, HasMetadata resource) {
    try {
      admin.resource(resource).dryRun().create();
      return "admitted";
    } catch (KubernetesClientException e) {
      String message = e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage();
      int at = message == null ? -1 : message.indexOf(DENIED);
      return at < 0 ? "error: " + message : "denied: " + message.substring(at + DENIED.length());
    }
  }

  private static void createOrKeep(KubernetesClient admin, HasMetadata object) {
    try {
      admin.resource(object).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  /**
   * The file's objects as generic resources: sent as written (a typed model could drop a field the
   * API server reads).
   */
  private static List<HasMetadata> load(KubernetesClient client, Path file) throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    for (JsonNode doc :
        YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class).readAll()) {
      if (doc.isObject()) {
        objects.add(JSON.convertValue(doc, GenericKubernetesResource.class));
      }
    }
    return objects;
  }

  private static boolean isNamespace(HasMetadata object) {
    return object.getKind().equals("Namespace");
  }

  private static List<HasMetadata> concat(List<HasMetadata> a, List<HasMetadata> b) {
    List<HasMetadata> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String display(HasMetadata resource) {
    return display(resource.getKind(), JSON.valueToTree(resource.getMetadata()));
  }

  /** Kind/namespace/name, the namespace "default" when none is written (as it is created). */
  private static String display(String kind, JsonNode metadata) {
    return kind
        + "/"
        + metadata.path("namespace").asText("default")
        + "/"
        + metadata.path("name").asText();
  }

  private static boolean sleep() {
    try {
      Thread.sleep(300);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
