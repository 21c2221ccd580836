package dev.kube4c.admission;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.rules.RequestAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code request} of an {@code admission.k8s.io/v1} AdmissionReview, as the API server sends it
 * to a validating webhook: who does what to which object. {@code object} is null for DELETE and
 * CONNECT (and in malformed reviews, which the judge refuses with a reason).
 */
public record AdmissionRequest(String uid, RequestAttributes attributes, ObjectNode object) {

  public static final String API_VERSION = "admission.k8s.io/v1";
  static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");

  /** A body that is not an AdmissionReview v1: answered with HTTP 400 and this reason. */
  public static final class NotAReview extends Exception {
    private static final long serialVersionUID = 1L;

    NotAReview(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Reads an AdmissionReview body; never echoes its content in the reason. */
  public static AdmissionRequest parse(ObjectMapper json, byte[] body) throws NotAReview {
    JsonNode review;
    try {
      review = json.readTree(body);
    } catch (JacksonException e) {
      throw new NotAReview("the body is not valid JSON" + where(e));
    } catch (java.io.IOException e) {
      throw new NotAReview("the body could not be read");
    }
    if (review == null || !review.isObject()) {
      throw new NotAReview("the body is not a JSON object (an AdmissionReview)");
    }
    String kind = review.path("kind").asText("");
    String apiVersion = review.path("apiVersion").asText("");
    if (!kind.equals("AdmissionReview")) {
      throw new NotAReview("kind is '" + printable(kind) + "', expected AdmissionReview");
    }
    if (!apiVersion.equals(API_VERSION)) {
      throw new NotAReview(
          "apiVersion is '"
              + printable(apiVersion)
              + "'; kube4c answers "
              + API_VERSION
              + " only (set admissionReviewVersions: [v1] in the webhook configuration)");
    }
    JsonNode request = review.path("request");
    if (!request.isObject()) {
      throw new NotAReview("the AdmissionReview has no request");
    }
    String uid = request.path("uid").asText("");
    if (uid.isEmpty()) {
      throw new NotAReview("request.uid is missing");
    }
    String operation = request.path("operation").asText("");
    if (!OPERATIONS.contains(operation)) {
      throw new NotAReview(
          "request.operation is '"
              + printable(operation)
              + "', expected CREATE, UPDATE, DELETE or CONNECT");
    }
    JsonNode gvk = request.path("kind");
    JsonNode gvr = request.path("resource");
    JsonNode user = request.path("userInfo");
    RequestAttributes attributes =
        new RequestAttributes(
            operation,
            textOrNull(request.path("subResource")),
            gvr.path("group").asText(gvk.path("group").asText("")),
            gvr.path("version").asText(gvk.path("version").asText("")),
            gvr.path("resource").asText(""),
            gvk.path("kind").asText(""),
            textOrNull(request.path("namespace")),
            request.path("name").asText(""),
            user.path("username").asText(""),
            textOrNull(user.path("uid")),
            strings(user.path("groups")),
            extra(user.path("extra")),
            request.path("dryRun").asBoolean(false),
            request.path("oldObject").isObject() ? request.path("oldObject") : null);
    ObjectNode object = request.get("object") instanceof ObjectNode o && !o.isEmpty() ? o : null;
    return new AdmissionRequest(uid, attributes, object);
  }

  /** Where a JSON error is, as " (line L, column C)", without the offending text. */
  private static String where(JacksonException e) {
    var at = e.getLocation();
    return at == null || at.getLineNr() < 1
        ? ""
        : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  private static String textOrNull(JsonNode node) {
    return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Map<String, List<String>> extra(JsonNode node) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), strings(e.getValue())));
    return out;
  }

  /** A value from the body, cut short and stripped of control characters, for a reason text. */
  static String printable(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
  }
}
