package dev.kube4c.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM options ./kube4c picks, by the size of what is scanned (--print-java-opts). */
class LauncherTest {

  @TempDir Path dir;

  private static String options(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", "kube4c", "--print-java-opts"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void aLargeReportBeingOverwrittenDoesNotCountAsInput() throws Exception {
    Path report = dir.resolve("report.json");
    try (RandomAccessFile out = new RandomAccessFile(report.toFile(), "rw")) {
      out.write(new byte[300 << 20]); // 300 MB written, so that du sees it
    }
    for (String[] args :
        List.of(
            new String[] {"scan", "examples", "-o", report.toString()},
            new String[] {"scan", "examples", "--output=" + report},
            new String[] {"scan", "examples", "--output", report.toString()})) {
      assertThat(options(args))
          .as(String.join(" ", args))
          .contains("-XX:TieredStopAtLevel=1")
          .doesNotContainPattern("-Xmx\\d{4,}m");
    }
    assertThat(options("scan", report.toString()))
        .as("the same file as input is large input: C2 on, heap grown")
        .doesNotContain("TieredStopAtLevel")
        .containsPattern("-Xmx\\d{4,}m");
  }
}
