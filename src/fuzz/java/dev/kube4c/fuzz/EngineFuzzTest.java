package dev.kube4c.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.source.Document;
import dev.kube4c.source.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Arbitrary Kubernetes-shaped objects → inventory → every rule → reports. The generator draws field
 * names and values from what the rules read (plus random text, wrong types and extreme numbers),
 * so the fuzzer reaches pod specs, containers, selectors and quantities quickly. A failing input is
 * written as a JSON List under target/fuzz-findings/ to become a regression file in
 * src/test/resources/fuzz/engine/.
 */
class EngineFuzzTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final String[] KINDS = {
    "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "PodTemplate",
    "ReplicationController", "Service", "Namespace", "Ingress", "NetworkPolicy", "Role", "ClusterRole",
    "RoleBinding", "ClusterRoleBinding", "ServiceAccount", "ConfigMap", "Secret", "List", "Rollout"
  };

  private static final String[] FIELDS = {
    "spec", "template", "metadata", "containers", "initContainers", "ephemeralContainers", "jobTemplate",
    "securityContext", "privileged", "runAsUser", "runAsGroup", "runAsNonRoot", "capabilities", "add", "drop",
    "image", "imagePullPolicy", "volumes", "hostPath", "path", "volumeMounts", "mountPath", "ports", "hostPort",
    "containerPort", "port", "targetPort", "nodePort", "name", "resources", "limits", "requests", "cpu", "memory",
    "ephemeral-storage", "labels", "annotations", "namespace", "selector", "matchLabels", "matchExpressions",
    "key", "operator", "values", "type", "hostNetwork", "hostPID", "hostIPC", "hostUsers", "seccompProfile",
    "localhostProfile", "automountServiceAccountToken", "serviceAccountName", "readOnlyRootFilesystem",
    "allowPrivilegeEscalation", "procMount", "appArmorProfile", "seLinuxOptions", "windowsOptions",
    "hostProcess", "sysctls", "value", "runtimeClassName", "rules", "verbs", "apiGroups", "subjects",
    "roleRef", "kind", "apiVersion", "items", "tls", "hosts", "ingress", "egress", "podSelector",
    "policyTypes", "loadBalancerSourceRanges", "externalTrafficPolicy", "command", "args", "env", "protocol"
  };

  private static final String[] STRINGS = {
    "", "true", "false", "0", "-1", "1000", "latest", "nginx", "nginx:latest", "nginx:1.25",
    "gcr.io/x/y@sha256:0123", "registry:5000/a/b:tag", ":", "@", "/", "ALL", "all", "SYS_ADMIN", "NET_RAW",
    "CAP_SYS_ADMIN", "/var/run/docker.sock", "/proc", "/etc", "1Gi", "500m", "0.5", "1e3", "1e999999999",
    "1E-2147483648", "NaN", "9999999999999999999999Ei", "Unconfined", "RuntimeDefault", "Localhost", "*",
    "LoadBalancer", "NodePort", "ClusterIP", "In", "NotIn", "Exists", "DoesNotExist", "Always", "IfNotPresent",
    "default", "kube-system", "v1", "apps/v1", "batch/v1", "Unmasked", "TCP", "\u0000", "\uFFFF", "é"
  };

  @FuzzTest(maxDuration = "10m")
  void rulesHandleAnyObject(FuzzedDataProvider data) {
    List<Document> documents = new ArrayList<>();
    int count = data.consumeInt(1, 4);
    for (int i = 0; i < count; i++) {
      documents.add(new Document(object(data), new Location("fuzz.yaml", 1 + i, 1)));
    }
    try {
      FuzzSupport.scanAll(documents, List.of());
    } catch (RuntimeException | StackOverflowError e) {
      save(documents);
      throw e;
    }
  }

  private static ObjectNode object(FuzzedDataProvider data) {
    ObjectNode object = NODES.objectNode();
    object.put("apiVersion", data.consumeBoolean() ? "v1" : string(data));
    object.put("kind", data.consumeInt(0, 7) == 0 ? string(data) : data.pickValue(KINDS));
    ObjectNode metadata = object.putObject("metadata");
    metadata.set("name", data.consumeInt(0, 7) == 0 ? value(data, 3) : NODES.textNode("o" + data.consumeInt(0, 3)));
    if (data.consumeBoolean()) {
      metadata.set("namespace", data.consumeInt(0, 7) == 0 ? value(data, 3) : NODES.textNode(data.pickValue(new String[] {"default", "a", "b"})));
    }
    if (data.consumeBoolean()) {
      metadata.set("labels", value(data, 2));
    }
    object.set("spec", data.consumeInt(0, 3) == 0 ? value(data, 6) : podBearingSpec(data));
    int extra = data.consumeInt(0, 2);
    for (int i = 0; i < extra; i++) {
      object.set(field(data), value(data, 5));
    }
    return object;
  }

  /** A skeleton that reaches the pod spec, with fuzzed content inside. */
  private static JsonNode podBearingSpec(FuzzedDataProvider data) {
    ObjectNode podSpec = NODES.objectNode();
    ArrayNode containers = podSpec.putArray(data.consumeInt(0, 5) == 0 ? "initContainers" : "containers");
    int n = data.consumeInt(0, 3);
    for (int i = 0; i < n; i++) {
      containers.add(data.consumeInt(0, 9) == 0 ? value(data, 3) : fields(data, 6));
    }
    if (!podSpec.has("containers")) {
      podSpec.putArray("containers");
    }
    int extra = data.consumeInt(0, 4);
    for (int i = 0; i < extra; i++) {
      podSpec.set(field(data), value(data, 5));
    }
    ObjectNode spec = NODES.objectNode();
    switch (data.consumeInt(0, 3)) {
      case 0 -> {
        return podSpec; // a Pod
      }
      case 1 -> spec.putObject("jobTemplate").putObject("spec").putObject("template").set("spec", podSpec);
      default -> {
        ObjectNode template = spec.putObject("template");
        template.set("metadata", data.consumeBoolean() ? fields(data, 3) : NODES.objectNode());
        template.set("spec", podSpec);
      }
    }
    if (data.consumeBoolean()) {
      spec.set("selector", value(data, 3));
    }
    return spec;
  }

  private static ObjectNode fields(FuzzedDataProvider data, int depth) {
    ObjectNode object = NODES.objectNode();
    int n = data.consumeInt(0, 5);
    for (int i = 0; i < n; i++) {
      object.set(field(data), value(data, depth - 1));
    }
    return object;
  }

  private static JsonNode value(FuzzedDataProvider data, int depth) {
    int choice = data.consumeInt(0, depth <= 0 ? 7 : 9);
    return switch (choice) {
      case 0, 1 -> NODES.textNode(string(data));
      case 2 -> NODES.booleanNode(data.consumeBoolean());
      case 3 -> NODES.numberNode(data.consumeInt());
      case 4 -> NODES.numberNode(data.consumeLong());
      case 5 -> NODES.numberNode(data.consumeDouble());
      case 6 -> NODES.nullNode();
      case 7 -> {
        byte[] bytes = data.consumeBytes(24);
        yield NODES.numberNode(new java.math.BigInteger(bytes.length == 0 ? new byte[] {1} : bytes));
      }
      case 8 -> fields(data, depth);
      default -> {
        ArrayNode array = NODES.arrayNode();
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
          array.add(value(data, depth - 1));
        }
        yield array;
      }
    };
  }

  private static String field(FuzzedDataProvider data) {
    return data.consumeInt(0, 15) == 0 ? data.consumeString(12) : data.pickValue(FIELDS);
  }

  private static String string(FuzzedDataProvider data) {
    return data.consumeBoolean() ? data.pickValue(STRINGS) : data.consumeString(40);
  }

  private static void save(List<Document> documents) {
    ObjectNode list = NODES.objectNode();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    ArrayNode items = list.putArray("items");
    documents.forEach(d -> items.add(d.tree()));
    try {
      Path dir = Files.createDirectories(Path.of("target/fuzz-findings"));
      Files.writeString(dir.resolve("engine-" + Integer.toHexString(list.toString().hashCode()) + ".json"), list.toPrettyString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
