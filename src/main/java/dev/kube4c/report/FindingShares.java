package dev.kube4c.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.kube4c.findings.Finding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The elements of the JSON report's findings array, rendered in shares on the common pool and
 * written in order. A large scan's report was a second spent on one core after all the other work.
 * Each share is rendered as the array's pretty printer would write it: the first element after
 * {@code "[ "}, later ones after {@code ", "}, objects one level deeper than at the root. A window
 * of shares is held at a time, so memory does not grow with the report.
 */
final class FindingShares {

  private static final JsonFactory FACTORY = new JsonFactory();

  private FindingShares() {}

  /** Writes the findings after the array's {@code [} and before its {@code ]}. */
  static void write(List<Finding> findings, JsonReporter.Encoded encoded, OutputStream out)
      throws IOException {
    // A window of shares at a time, rendered by a parallel stream (the calling thread takes part,
    // where the common pool alone has one worker on two cores), then written in order.
    int shares = (findings.size() + JsonReporter.CHUNK - 1) / JsonReporter.CHUNK;
    int window = 4 * Runtime.getRuntime().availableProcessors();
    for (int first = 0; first < shares; first += window) {
      List<byte[]> rendered;
      try {
        rendered =
            IntStream.range(first, Math.min(shares, first + window))
                .parallel()
                .mapToObj(
                    share ->
                        render(
                            findings,
                            encoded,
                            share * JsonReporter.CHUNK,
                            Math.min(findings.size(), (share + 1) * JsonReporter.CHUNK)))
                .toList();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      for (byte[] bytes : rendered) {
        out.write(bytes);
      }
    }
  }

  private static byte[] render(
      List<Finding> findings, JsonReporter.Encoded encoded, int from, int to) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024 * (to - from));
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withRootSeparator((String) null)
            .withObjectIndenter(new OneLevelDeeper());
    try (JsonGenerator json = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
      json.setPrettyPrinter(printer);
      for (int i = from; i < to; i++) {
        json.writeRaw(i == 0 ? " " : ", ");
        JsonReporter.writeFinding(json, findings.get(i), encoded);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The default object indentation, one level deeper: elements of a top-level array. */
  private static final class OneLevelDeeper extends DefaultIndenter {
    private static final long serialVersionUID = 1;

    @Override
    public void writeIndentation(JsonGenerator json, int level) throws IOException {
      super.writeIndentation(json, level + 1);
    }
  }
}
