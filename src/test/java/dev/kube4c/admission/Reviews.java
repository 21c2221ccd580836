package dev.kube4c.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * AdmissionReview v1 request bodies in the shape the API server sends (see the Kubernetes docs,
 * "Dynamic Admission Control", request example): kind/resource/requestKind/requestResource,
 * userInfo, options, dryRun.
 */
final class Reviews {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  private Reviews() {}

  static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode review(String operation, ObjectNode object, ObjectNode old) {
    String apiVersion = object == null ? "v1" : object.path("apiVersion").asText("v1");
    String kind = object == null ? "Pod" : object.path("kind").asText();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1");
    review.put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", UUID.randomUUID().toString());
    gvk(request.putObject("kind"), group, version, kind);
    gvr(request.putObject("resource"), group, version, plural(kind));
    gvk(request.putObject("requestKind"), group, version, kind);
    gvr(request.putObject("requestResource"), group, version, plural(kind));
    JsonNode metadata =
        object == null
            ? (old == null ? JSON.createObjectNode() : old.path("metadata"))
            : object.path("metadata");
    request.put("name", metadata.path("name").asText("web"));
    if (metadata.path("namespace").isTextual()) {
      request.put("namespace", metadata.path("namespace").asText());
    }
    request.put("operation", operation);
    ObjectNode user = request.putObject("userInfo");
    user.put("username", "alice@example.com");
    user.put("uid", "5c1e0b5a-1");
    user.putArray("groups").add("system:authenticated").add("developers");
    user.putObject("extra").putArray("scopes").add("openid");
    request.set("object", object);
    request.set("oldObject", old);
    request.put("dryRun", false);
    ObjectNode options = request.putObject("options");
    options.put("apiVersion", "meta.k8s.io/v1");
    options.put(
        "kind",
        switch (operation) {
          case "UPDATE" -> "UpdateOptions";
          case "DELETE" -> "DeleteOptions";
          default -> "CreateOptions";
        });
    return review;
  }

  static ObjectNode request(ObjectNode review) {
    return (ObjectNode) review.get("request");
  }

  static AdmissionRequest parse(ObjectNode review) throws AdmissionRequest.NotAReview {
    return AdmissionRequest.parse(
        JSON, review.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void gvk(ObjectNode node, String group, String version, String kind) {
    node.put("group", group);
    node.put("version", version);
    node.put("kind", kind);
  }

  private static void gvr(ObjectNode node, String group, String version, String resource) {
    node.put("group", group);
    node.put("version", version);
    node.put("resource", resource);
  }

  private static String plural(String kind) {
    String lower = kind.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith("s")
        ? lower + "es"
        : lower.endsWith("y") ? lower.substring(0, lower.length() - 1) + "ies" : lower + "s";
  }

  static final String PRIVILEGED_POD =
      String.join(
          "\n",
          "apiVersion: v1",
          "kind: Pod",
          "metadata: {name: web, namespace: shop}",
          "spec:",
          "  containers:",
          "  - name: app",
          "    image: registry.example/web@sha256:" + "a".repeat(64),
          "    securityContext: {privileged: true}",
          "");

  /** A pod that passes every rule that can run at admission (restricted PSS, limits, ...). */
  static final String HARDENED_POD =
      String.join(
          "\n",
          "apiVersion: v1",
          "kind: Pod",
          "metadata: {name: web, namespace: shop, labels: {app: web}}",
          "spec:",
          "  automountServiceAccountToken: false",
          "  securityContext: {runAsNonRoot: true, runAsUser: 10001, seccompProfile: {type: RuntimeDefault}}",
          "  containers:",
          "  - name: app",
          "    image: registry.example/web@sha256:" + "a".repeat(64),
          "    imagePullPolicy: Always",
          "    resources:",
          "      requests: {cpu: 100m, memory: 64Mi}",
          "      limits: {cpu: 200m, memory: 128Mi}",
          "    securityContext:",
          "      allowPrivilegeEscalation: false",
          "      readOnlyRootFilesystem: true",
          "      capabilities: {drop: [ALL]}",
          "");
}
