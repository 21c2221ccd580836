package dev.kube4c.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.rules.RequestAttributes;
import java.io.PrintStream;
import java.time.Clock;

/**
 * One JSON line per admission request: who asked what about which object, the answer and how long
 * it took. Object bodies, field values and messages (which may quote them) are never written.
 */
public final class AccessLog {

  private final ObjectMapper json;
  private final PrintStream out;
  private final Clock clock;

  public AccessLog(ObjectMapper json, PrintStream out, Clock clock) {
    this.json = json;
    this.out = out;
    this.clock = clock;
  }

  /** A log that writes nothing (tests, benchmarks). */
  public static AccessLog off() {
    return new AccessLog(null, null, Clock.systemUTC());
  }

  void judged(AdmissionRequest request, Decision decision, long nanos) {
    if (out == null) {
      return;
    }
    ObjectNode line = base(200, nanos);
    RequestAttributes a = request.attributes();
    line.put("uid", request.uid());
    line.put("operation", a.operation());
    line.put("kind", a.kind());
    if (a.subResource() != null) {
      line.put("subResource", a.subResource());
    }
    if (a.namespace() != null) {
      line.put("namespace", a.namespace());
    }
    line.put("name", a.name());
    line.put("user", a.userName());
    line.put("dryRun", a.dryRun());
    line.put("allowed", decision.allowed());
    line.put("outcome", decision.outcome());
    if (decision.mode() != null) {
      line.put("mode", decision.mode().label());
    }
    if (!decision.rules().isEmpty()) {
      decision.rules().forEach(line.putArray("rules")::add);
    }
    write(line);
  }

  void rejected(int status, String reason, long nanos) {
    if (out == null) {
      return;
    }
    ObjectNode line = base(status, nanos);
    line.put("error", reason);
    write(line);
  }

  void event(String message) {
    if (out == null) {
      return;
    }
    ObjectNode line = json.createObjectNode();
    line.put("time", clock.instant().toString());
    line.put("event", message);
    write(line);
  }

  private ObjectNode base(int status, long nanos) {
    ObjectNode line = json.createObjectNode();
    line.put("time", clock.instant().toString());
    line.put("path", "/validate");
    line.put("status", status);
    line.put("micros", nanos / 1000);
    return line;
  }

  private void write(ObjectNode line) {
    String text = line.toString();
    synchronized (out) {
      out.println(text);
    }
  }
}
