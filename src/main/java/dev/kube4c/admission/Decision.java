package dev.kube4c.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The webhook's answer to one request, and why: {@code outcome} and {@code rules} feed the metrics
 * and the access log ({@code rules} are the ids that decided, never object content).
 *
 * @param outcome allowed (nothing to say), denied, warned, audited or skipped (not judged)
 */
public record Decision(
    boolean allowed,
    int code,
    String message,
    List<String> warnings,
    Map<String, String> auditAnnotations,
    Mode mode,
    String outcome,
    List<String> rules) {

  /** API servers truncate long warnings; kube4c keeps each one short and few in number. */
  static final int MAX_WARNING = 250;

  static final int MAX_WARNINGS = 20;

  public Decision {
    warnings = List.copyOf(warnings);
    auditAnnotations = Map.copyOf(auditAnnotations);
    rules = List.copyOf(rules);
  }

  static Decision skipped(String why) {
    return new Decision(true, 200, why, List.of(), Map.of(), null, "skipped", List.of());
  }

  /** A review that cannot be judged (e.g. CREATE without an object): refused with a reason. */
  static Decision invalid(String why) {
    return new Decision(false, 400, why, List.of(), Map.of(), null, "invalid", List.of());
  }

  /** The AdmissionReview v1 answer for request {@code uid}. */
  public ObjectNode toReview(ObjectMapper json, String uid) {
    ObjectNode review = json.createObjectNode();
    review.put("apiVersion", AdmissionRequest.API_VERSION);
    review.put("kind", "AdmissionReview");
    ObjectNode response = review.putObject("response");
    response.put("uid", uid);
    response.put("allowed", allowed);
    if (!allowed) {
      ObjectNode status = response.putObject("status");
      status.put("code", code);
      status.put("reason", code == 400 ? "BadRequest" : "Forbidden");
      status.put("message", message);
    }
    if (!warnings.isEmpty()) {
      warnings.forEach(response.putArray("warnings")::add);
    }
    if (!auditAnnotations.isEmpty()) {
      ObjectNode annotations = response.putObject("auditAnnotations");
      new java.util.TreeMap<>(auditAnnotations).forEach(annotations::put);
    }
    return review;
  }
}
