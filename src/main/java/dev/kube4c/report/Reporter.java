package dev.kube4c.report;

import dev.kube4c.findings.ScanResult;
import java.io.IOException;
import java.io.Writer;

/**
 * One output format. Implementations are registered in {@code
 * META-INF/services/dev.kube4c.report.Reporter} and chosen by {@link #format()} name, so a new
 * format is one new class.
 */
public interface Reporter {

  /** The name used with {@code --format}. */
  String format();

  void write(ScanResult result, ReportOptions options, Writer out) throws IOException;
}
