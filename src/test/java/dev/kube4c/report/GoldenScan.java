package dev.kube4c.report;

import dev.kube4c.config.Config;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.testing.Fixtures;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The fixed scan that every report test renders: src/test/resources/reports/input, stamped with a
 * fixed time and version.
 */
final class GoldenScan {

  static final String INPUT = "src/test/resources/reports/input";
  static final Instant SCANNED_AT = Instant.parse("2026-06-01T12:00:00Z");
  static final String VERSION = "0.0.0-test";

  /**
   * A fixed rule selection, so that rules added to the catalogue later do not change the golden
   * files; only edits to these rules' metadata or messages do.
   */
  static final Set<String> RULES =
      Set.of(
          "container-privileged",
          "container-run-as-root",
          "container-privilege-escalation",
          "container-seccomp-unconfined",
          "image-tag-mutable",
          "image-pull-policy-not-always",
          "service-public-load-balancer",
          "host-port",
          "resources-limits-missing",
          "qos-best-effort",
          "sa-token-automount",
          "input-parse-error");

  private GoldenScan() {}

  static ScanResult result() {
    ScanRequest request = new ScanRequest(Config.DEFAULT, null, RULES, null, Fixtures.TODAY);
    return Fixtures.scan(List.of(INPUT), request)
        .withScannedAt(SCANNED_AT)
        .withToolVersion(VERSION);
  }

  static String render(Reporter reporter, ScanResult result) {
    StringWriter out = new StringWriter();
    try {
      reporter.write(result, ReportOptions.PLAIN, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
