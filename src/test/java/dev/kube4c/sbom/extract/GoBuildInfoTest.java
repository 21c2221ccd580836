package dev.kube4c.sbom.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The module info text (as go version -m prints it) and the real binary the CI script builds. */
class GoBuildInfoTest {

  static final Path BINARY = Path.of("/var/cache/kube4c/sbom-fixtures/gotext");

  @Test
  void replacementsApplyToTheLineBeforeAndLocalFoldersKeepTheModulePath() {
    GoBuildInfo.Info info =
        GoBuildInfo.modules(
            "go1.22.5",
            String.join(
                "\n",
                "path\tgithub.com/hashicorp/terraform",
                "mod\tgithub.com/hashicorp/terraform\t(devel)\t",
                "dep\tgithub.com/hashicorp/terraform/internal/legacy\tv0.0.0-00010101000000-000000000000\t",
                "=>\t./internal/legacy\t(devel)\t",
                "dep\tgolang.org/x/net\tv0.1.0\th1:abc=",
                "=>\tgolang.org/x/net\tv0.7.0\th1:def=",
                "build\tCGO_ENABLED=0"));
    assertThat(info.main())
        .isEqualTo(new GoBuildInfo.Module("github.com/hashicorp/terraform", "(devel)"));
    assertThat(info.deps())
        .containsExactly(
            new GoBuildInfo.Module("github.com/hashicorp/terraform/internal/legacy", "(devel)"),
            new GoBuildInfo.Module("golang.org/x/net", "v0.7.0"));
  }

  @Test
  void realBinaryStreamed() throws Exception {
    Assumptions.assumeTrue(
        Files.isRegularFile(BINARY),
        "skipped: " + BINARY + " missing (run .ci/install-go-fixture.sh)");
    GoBuildInfo.Info info =
        GoBuildInfo.read(new ByteArrayInputStream(Files.readAllBytes(BINARY))).orElseThrow();
    assertThat(info.goVersion()).startsWith("go1.");
    assertThat(info.path()).isEqualTo("example.com/kube4c/gotext");
    assertThat(info.deps()).containsExactly(new GoBuildInfo.Module("golang.org/x/text", "v0.3.7"));
  }

  @Test
  void notGoOrNotElfIsEmptyAndCutBuildInfoIsReported() throws Exception {
    assertThat(GoBuildInfo.read(new ByteArrayInputStream(new byte[100_000]))).isEmpty();
    Assumptions.assumeTrue(Files.isRegularFile(BINARY), "skipped: " + BINARY + " missing");
    byte[] all = Files.readAllBytes(BINARY);
    int magic =
        indexOf(all, "\u00ff Go buildinf:".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    byte[] cut = java.util.Arrays.copyOf(all, magic + 40);
    assertThatThrownBy(() -> GoBuildInfo.read(new ByteArrayInputStream(cut)))
        .isInstanceOf(GoBuildInfo.Unreadable.class)
        .hasMessage("truncated build info");
  }

  private static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= data.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
