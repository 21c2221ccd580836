package dev.kube4c.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhoCanCommandTest {

  @TempDir Path dir;

  private static final String RBAC =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: devs, namespace: shop}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
      subjects:
      - {kind: Group, name: developers}
      - {kind: ServiceAccount, name: ci, namespace: shop}
      ---
      apiVersion: batch/v1
      kind: Job
      metadata: {name: release, namespace: shop}
      spec:
        template:
          spec:
            serviceAccountName: ci
            containers: [{name: a, image: a}]
      """;

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void textListsSubjectsWithBindingRoleRuleAndWorkloads() throws IOException {
    Files.writeString(dir.resolve("rbac.yaml"), RBAC);
    Run run = run("who-can", "create", "pods/exec", dir.toString(), "-n", "shop");
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("Who can create pods/exec (namespace shop): 2 subjects")
        .contains(
            "Group/developers\n  RoleBinding/shop/devs → ClusterRole/edit (built-in) via ClusterRole/system:aggregate-to-edit rules[")
        .contains("ServiceAccount/shop/ci")
        .contains("runs: Job/shop/release");
    assertThat(run("who-can", "create", "pods/exec", dir.toString(), "-n", "bank").out())
        .contains(": 0 subjects");
  }

  @Test
  void jsonNamesSubjectsAsKindNamespaceName() throws IOException {
    Files.writeString(dir.resolve("rbac.yaml"), RBAC);
    Run run = run("who-can", "get", "secrets", dir.toString(), "--format", "json");
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.path("query").path("resource").asText()).isEqualTo("secrets");
    assertThat(root.path("subjects")).hasSize(2);
    JsonNode ci = root.path("subjects").get(1);
    assertThat(ci.path("subject").asText()).isEqualTo("ServiceAccount/shop/ci");
    assertThat(ci.path("grants").get(0).path("scope").asText()).isEqualTo("shop");
    assertThat(ci.path("grants").get(0).path("role").asText()).isEqualTo("ClusterRole/edit");
    assertThat(ci.path("workloads").get(0).asText()).isEqualTo("Job/shop/release");
  }

  @Test
  void missingPathIsAUsageError() {
    Run run = run("who-can", "get", "pods");
    assertThat(run.code()).isEqualTo(Main.EXIT_ERROR);
    assertThat(run.err()).contains("PATH");
  }
}
