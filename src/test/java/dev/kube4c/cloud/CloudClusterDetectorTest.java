package dev.kube4c.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.config.Config;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.source.DetectorInput;
import dev.kube4c.source.Document;
import dev.kube4c.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection by content, locations inside the file, and the unknown-value rules of the normalised
 * model.
 */
class CloudClusterDetectorTest {

  @TempDir Path dir;

  private final CloudClusterDetector detector = new CloudClusterDetector();

  private List<Document> detect(String name, String text) {
    return detector.detect(new DetectorInput(name, text, List.of()));
  }

  @Test
  void armClusterIsLocatedAtItsOwnObjectAndParametersResolve() throws IOException {
    Path arm =
        Fixtures.RULE_FIXTURES.resolve("cloud-rbac-disabled/fail-aks-arm-parameter-default.json");
    String text = Files.readString(arm);
    List<Document> clusters = detect("main.json", text);
    assertThat(clusters).hasSize(1);
    Document cluster = clusters.get(0);
    int expectedLine = lineOf(text, "\"type\": \"Microsoft.ContainerService/managedClusters\"") - 1;
    assertThat(cluster.location().line()).isEqualTo(expectedLine);
    assertThat(cluster.tree().path("format").asText()).isEqualTo(Formats.ARM);
    assertThat(cluster.tree().path("source").asText()).isEqualTo("resources[1]");
    assertThat(cluster.tree().path("settings").path("rbacEnabled").path("value").asBoolean(true))
        .isFalse();
    assertThat(cluster.tree().path("settings").path("rbacEnabled").path("via").asText())
        .isEqualTo("default of parameter 'enableRBAC'");
    assertThat(cluster.tree().path("nodePools")).hasSize(2);
  }

  @Test
  void azListArrayGivesOneClusterPerItem() throws IOException {
    String one =
        Files.readString(
            Fixtures.RULE_FIXTURES.resolve("cloud-uptime-sla-missing/fail-aks-cli.json"));
    String two = one.replace("aks-shop-prod", "aks-shop-dev");
    List<Document> clusters = detect("list.json", "[" + one + ",\n" + two + "]");
    assertThat(clusters)
        .extracting(d -> d.tree().path("metadata").path("name").asText())
        .containsExactly("aks-shop-prod", "aks-shop-dev");
    assertThat(clusters.get(1).location().line()).isGreaterThan(clusters.get(0).location().line());
    assertThat(clusters.get(0).tree().path("format").asText()).isEqualTo(Formats.AZURE_CLI);
  }

  @Test
  void expressionsAndTerraformUnknownsAreNotJudged() throws IOException {
    String arm =
        Files.readString(Fixtures.RULE_FIXTURES.resolve("cloud-rbac-disabled/pass-aks-arm.json"))
            .replace(
                "\"enableRBAC\": \"[parameters('enableRBAC')]\"",
                "\"enableRBAC\": \"[if(parameters('legacy'), false(), true())]\"");
    Path file = dir.resolve("template.json");
    Files.writeString(file, arm);
    assertThat(findings(file, "cloud-rbac-disabled")).isEmpty();

    // sku_tier known only after apply: unknown when the configuration sets it from something
    // computed,
    // the provider default (Free) when the configuration does not set it at all.
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    var plan =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json.readTree(
                Fixtures.RULE_FIXTURES.resolve("cloud-rbac-disabled/fail-aks-tf.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            plan.at("/planned_values/root_module/resources/0/values"))
        .remove("sku_tier");
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            plan.at("/resource_changes/0/change/after_unknown"))
        .put("sku_tier", true);
    Files.writeString(file, json.writeValueAsString(plan));
    assertThat(findings(file, "cloud-uptime-sla-missing"))
        .extracting(Finding::message)
        .containsExactly("AKS: sku_tier is not set (Free by default)");
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            plan.at("/configuration/root_module/resources/0"))
        .putObject("expressions")
        .putObject("sku_tier")
        .putArray("references")
        .add("var.sku_tier");
    Files.writeString(file, json.writeValueAsString(plan));
    assertThat(findings(file, "cloud-uptime-sla-missing")).isEmpty();
  }

  @Test
  void configurationExpressionsAreFoundThroughModuleCalls() throws IOException {
    var root =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                "{\"resources\": [{\"address\": \"aws_eks_cluster.top\", \"expressions\": {\"name\": {\"constant_value\": \"a\"}}}],"
                    + " \"module_calls\": {\"eks\": {\"module\": {\"module_calls\": {\"inner\": {\"module\": {\"resources\": ["
                    + "{\"address\": \"aws_eks_cluster.this\", \"expressions\": {\"vpc_config\": [{\"public_access_cidrs\": {\"references\": [\"var.cidrs\"]}}]}}]}}}}}}}");
    assertThat(
            TerraformPlans.expressionsOf(root, "aws_eks_cluster.top")
                .path("name")
                .path("constant_value")
                .asText())
        .isEqualTo("a");
    assertThat(
            TerraformPlans.expressionsOf(
                    root, "module.eks[0].module.inner.aws_eks_cluster.this[\"x\"]")
                .at("/vpc_config/0/public_access_cidrs/references/0")
                .asText())
        .isEqualTo("var.cidrs");
    assertThat(TerraformPlans.expressionsOf(root, "module.other.aws_eks_cluster.this")).isNull();
  }

  @Test
  void whatIfOutputIsReadAfterTheChangeAndConditionsAreRespected() throws IOException {
    String cluster =
        "{\"type\": \"Microsoft.ContainerService/managedClusters\", \"name\": \"aks-w\", \"sku\": {\"tier\": \"%s\"}, \"properties\": {\"enableRBAC\": true}}";
    String whatIf =
        "{\"status\": \"Succeeded\", \"changes\": [{\"changeType\": \"Modify\",\n \"before\": "
            + cluster.formatted("Standard")
            + ",\n \"after\": "
            + cluster.formatted("Free")
            + "}]}";
    List<Document> clusters = detect("whatif.json", whatIf);
    assertThat(clusters).hasSize(1);
    assertThat(clusters.get(0).tree().path("settings").path("skuTier").path("value").asText())
        .isEqualTo("Free");
    assertThat(clusters.get(0).location().line()).isEqualTo(3);

    String template =
        "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", \"parameters\": {\"deploy\": {\"type\": \"bool\", \"defaultValue\": false}},"
            + " \"resources\": ["
            + cluster
                .formatted("Free")
                .replace("{\"type\"", "{\"condition\": \"[parameters('deploy')]\", \"type\"")
            + "]}";
    assertThat(detect("conditional.json", template)).isEmpty();
  }

  @Test
  void otherJsonAndBrokenJsonAreNotClusters() {
    assertThat(
            detect(
                "a.json",
                "{\"name\": \"x\", \"type\": \"Microsoft.Storage/storageAccounts\", \"properties\": {}}"))
        .isEmpty();
    assertThat(
            detect(
                "b.json",
                "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {}}}"))
        .isEmpty();
    assertThat(detect("c.json", "{\"cluster\": {\"arn\": \"arn:aws:ecs:x\"}}")).isEmpty();
    assertThat(
            detect(
                "d.json",
                "{\"resources\": [ {\"type\": \"Microsoft.ContainerService/managedClusters\", "))
        .isEmpty();
    assertThat(detect("e.json", "[1, 2, [3]]")).isEmpty();
  }

  @Test
  void yamlRenderingOfAzAksShowIsRead() throws IOException {
    Path file = dir.resolve("aks.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "# az aks show -o yaml",
            "name: aks-yaml",
            "type: Microsoft.ContainerService/ManagedClusters",
            "kubernetesVersion: '1.33'",
            "currentKubernetesVersion: 1.33.2",
            "enableRbac: false",
            "agentPoolProfiles:",
            "- name: system",
            "  osSku: AzureLinux",
            ""));
    assertThat(findings(file, "cloud-rbac-disabled"))
        .extracting(Finding::message)
        .containsExactly("AKS: enableRbac is false");
  }

  @Test
  void minimumKubernetesVersionComesFromConfig() throws IOException {
    Path pass =
        Fixtures.RULE_FIXTURES.resolve("cloud-kubernetes-version-unsupported/pass-eks-cli.json");
    assertThat(findings(pass, "cloud-kubernetes-version-unsupported")).isEmpty();
    Config strict = new Config(null, null, null, null, null, "1.34", null, null, null, null);
    ScanResult result =
        Fixtures.scan(
            List.of(pass.toString()),
            new ScanRequest(
                strict,
                null,
                Set.of("cloud-kubernetes-version-unsupported"),
                null,
                Fixtures.TODAY));
    assertThat(result.findings())
        .extracting(Finding::message)
        .containsExactly(
            "EKS: cluster.version is \"1.33\", older than the minimum 1.34 (minimumKubernetesVersion)");
  }

  private static List<Finding> findings(Path file, String rule) {
    ScanResult result =
        Fixtures.scan(
            List.of(file.toString()),
            new ScanRequest(Config.DEFAULT, null, Set.of(rule), null, Fixtures.TODAY));
    assertThat(result.errors()).isEmpty();
    return result.findings();
  }

  private static int lineOf(String text, String needle) {
    int index = text.indexOf(needle);
    return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
  }
}
