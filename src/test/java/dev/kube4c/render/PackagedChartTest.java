package dev.kube4c.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import dev.kube4c.cli.CliRunner;
import dev.kube4c.images.LocalRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts packaged by Helm (.tgz), and the same chart pushed to a real OCI registry on loopback. */
class PackagedChartTest {

  @Test
  void packagedAndOciChartsRenderAndScan(@TempDir Path dir) throws Exception {
    new Helm(Path.of(HelmRenderTest.CHARTS, "web")).packageIt().withDestination(dir).call();
    Path packaged = dir.resolve("web-0.1.0.tgz");
    assertThat(packaged).exists();

    CliRunner tgz =
        CliRunner.run("scan", "--no-color", "--rule", "container-privileged", packaged.toString());
    assertThat(tgz.exitCode()).isEqualTo(1);
    assertThat(tgz.out())
        .contains("Deployment/default/release-name-web")
        .contains(packaged + "/templates/deployment.yaml");

    try (LocalRegistry registry = LocalRegistry.start("")) {
      Helm.push()
          .withChart(packaged)
          .withRemote(URI.create("oci://" + registry.address() + "/charts"))
          .plainHttp()
          .call();
      CliRunner oci =
          CliRunner.run(
              "render", "oci://" + registry.address() + "/charts/web:0.1.0", "-n", "shop");
      assertThat(oci.err()).isEmpty();
      assertThat(oci.exitCode()).isZero();
      assertThat(oci.out()).contains("image: registry.example/web:1.0").contains("namespace: shop");
    }
    assertThat(Files.list(dir)).isNotEmpty();
  }

  @Test
  void packagedChartsGetApiVersionsAndLookupLikeFolders(@TempDir Path dir) throws Exception {
    new Helm(Path.of(HelmRenderTest.CHARTS, "capabilities"))
        .packageIt()
        .withDestination(dir)
        .call();
    new Helm(Path.of(HelmRenderTest.CHARTS, "lookup")).packageIt().withDestination(dir).call();
    String capabilities = dir.resolve("capabilities-0.1.0.tgz").toString();
    long copiesBefore = chartCopies();

    assertThat(CliRunner.run("render", capabilities).out()).doesNotContain("kind: ServiceMonitor");
    CliRunner with =
        CliRunner.run("render", capabilities, "-a", "monitoring.coreos.com/v1/ServiceMonitor");
    assertThat(with.exitCode()).isZero();
    assertThat(with.out()).contains("kind: ServiceMonitor");

    CliRunner lookup = CliRunner.run("render", dir.resolve("lookup-0.1.0.tgz").toString());
    assertThat(lookup.exitCode()).isZero();
    assertThat(lookup.out()).contains("password: Z2VuZXJhdGVk");
    assertThat(chartCopies()).as("unpacked copies are deleted").isEqualTo(copiesBefore);
  }

  private static long chartCopies() throws java.io.IOException {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("kube4c-chart-")).count();
    }
  }
}
