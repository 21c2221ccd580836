package dev.kube4c.report;

import dev.kube4c.findings.ScanResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * One output format. Implementations are registered in {@code
 * META-INF/services/dev.kube4c.report.Reporter} and chosen by {@link #format()} name, so a new
 * format is one new class.
 */
public interface Reporter {

  /** The name used with {@code --format}. */
  String format();

  void write(ScanResult result, ReportOptions options, Writer out) throws IOException;

  /**
   * The report as UTF-8 bytes, for a file. A format may write bytes directly: a JSON report of a
   * large scan spent a third of its time turning characters back into bytes.
   */
  default void write(ScanResult result, ReportOptions options, OutputStream out)
      throws IOException {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    write(result, options, writer);
    writer.flush();
  }
}
