package dev.kube4c.pss;

import static dev.kube4c.pss.Json.isFalse;
import static dev.kube4c.pss.Json.isTrue;
import static dev.kube4c.pss.Json.present;
import static dev.kube4c.pss.Json.quote;
import static dev.kube4c.pss.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.JsonLists;
import dev.kube4c.pss.PssPod.PssContainer;
import java.util.ArrayList;
import java.util.List;

/**
 * The restricted checks of k8s.io/pod-security-admission/policy, with upstream's version switches.
 */
final class RestrictedChecks {

  private RestrictedChecks() {}

  /** Volume sources the restricted level allows. */
  private static final String[] ALLOWED_VOLUMES = {
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "image",
    "persistentVolumeClaim",
    "projected",
    "secret"
  };

  /** Every other volume source of core/v1, in upstream's order of naming them. */
  private static final String[] RESTRICTED_VOLUMES = {
    "hostPath",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "gitRepo",
    "nfs",
    "iscsi",
    "glusterfs",
    "rbd",
    "flexVolume",
    "cinder",
    "cephfs",
    "flocker",
    "fc",
    "azureFile",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "portworxVolume",
    "scaleIO",
    "storageos"
  };

  static void volumeTypes(PssPod pod, int minor, List<PssViolation> out) {
    JsonNode volumes = JsonLists.of(pod.spec().path("volumes"));
    for (int i = 0; i < volumes.size(); i++) {
      JsonNode volume = volumes.get(i);
      if (hasAny(volume, ALLOWED_VOLUMES)) {
        continue;
      }
      // A volume without any known source is defaulted to emptyDir before admission.
      for (String type : RESTRICTED_VOLUMES) {
        if (present(volume.path(type))) {
          out.add(
              new PssViolation(
                  null,
                  pod.field("volumes[" + i + "]." + type),
                  "is a restricted volume type (volume " + quote(text(volume.path("name"))) + ")"));
          break;
        }
      }
    }
  }

  private static boolean hasAny(JsonNode volume, String[] types) {
    for (String type : types) {
      if (present(volume.path(type))) {
        return true;
      }
    }
    return false;
  }

  static void allowPrivilegeEscalation(PssPod pod, int minor, List<PssViolation> out) {
    if (minor >= 25 && pod.isWindows()) {
      return;
    }
    for (PssContainer c : pod.containers()) {
      JsonNode value = c.securityContext().path("allowPrivilegeEscalation");
      if (!isFalse(value)) {
        out.add(
            new PssViolation(
                c.name(),
                c.securityPath("allowPrivilegeEscalation"),
                present(value) ? "is " + value.asText() : "is not set (must be false)"));
      }
    }
  }

  static void runAsNonRoot(PssPod pod, int minor, List<PssViolation> out) {
    if (minor >= 35 && pod.inUserNamespace()) {
      return;
    }
    JsonNode podValue = pod.securityContext().path("runAsNonRoot");
    boolean podNonRoot = present(podValue) && isTrue(podValue);
    if (present(podValue) && !podNonRoot) {
      out.add(
          new PssViolation(
              null, pod.field("securityContext.runAsNonRoot"), "is " + podValue.asText()));
    }
    for (PssContainer c : pod.containers()) {
      JsonNode value = c.securityContext().path("runAsNonRoot");
      if (present(value)) {
        if (!isTrue(value)) {
          out.add(
              new PssViolation(c.name(), c.securityPath("runAsNonRoot"), "is " + value.asText()));
        }
      } else if (!podNonRoot) {
        out.add(
            new PssViolation(
                c.name(),
                c.securityPath("runAsNonRoot"),
                "is not set (must be true here or in "
                    + pod.field("securityContext.runAsNonRoot")
                    + ")"));
      }
    }
  }

  static void runAsUser(PssPod pod, int minor, List<PssViolation> out) {
    if (minor >= 35 && pod.inUserNamespace()) {
      return;
    }
    if (isRoot(pod.securityContext().path("runAsUser"))) {
      out.add(new PssViolation(null, pod.field("securityContext.runAsUser"), "is 0"));
    }
    for (PssContainer c : pod.containers()) {
      if (isRoot(c.securityContext().path("runAsUser"))) {
        out.add(new PssViolation(c.name(), c.securityPath("runAsUser"), "is 0"));
      }
    }
  }

  private static boolean isRoot(JsonNode uid) {
    return uid.isNumber() ? uid.asLong() == 0 : uid.isTextual() && uid.asText().equals("0");
  }

  static void seccompProfile(PssPod pod, int minor, List<PssViolation> out) {
    if (minor >= 25 && pod.isWindows()) {
      return;
    }
    JsonNode podProfile = pod.securityContext().path("seccompProfile");
    boolean podSet = false;
    if (present(podProfile)) {
      String type = text(podProfile.path("type"));
      if (BaselineChecks.validSeccompType(type)) {
        podSet = true;
      } else {
        out.add(
            new PssViolation(
                null, pod.field("securityContext.seccompProfile.type"), "is " + quote(type)));
      }
    }
    for (PssContainer c : pod.containers()) {
      JsonNode profile = c.securityContext().path("seccompProfile");
      if (present(profile)) {
        String type = text(profile.path("type"));
        if (!BaselineChecks.validSeccompType(type)) {
          out.add(
              new PssViolation(
                  c.name(), c.securityPath("seccompProfile.type"), "is " + quote(type)));
        }
      } else if (!podSet) {
        out.add(
            new PssViolation(
                c.name(),
                c.securityPath("seccompProfile.type"),
                "is not set (must be RuntimeDefault or Localhost here or in "
                    + pod.field("securityContext.seccompProfile.type")
                    + ")"));
      }
    }
  }

  static void capabilities(PssPod pod, int minor, List<PssViolation> out) {
    if (minor >= 25 && pod.isWindows()) {
      return;
    }
    for (PssContainer c : pod.containers()) {
      JsonNode capabilities = c.securityContext().path("capabilities");
      boolean droppedAll = false;
      for (JsonNode dropped : capabilities.path("drop")) {
        droppedAll |= dropped.asText().equals("ALL");
      }
      if (!droppedAll) {
        out.add(
            new PssViolation(
                c.name(), c.securityPath("capabilities.drop"), "does not contain \"ALL\""));
      }
      List<String> forbidden = new ArrayList<>();
      for (JsonNode added : capabilities.path("add")) {
        if (!added.asText().equals("NET_BIND_SERVICE")) {
          forbidden.add(quote(added.asText()));
        }
      }
      if (!forbidden.isEmpty()) {
        out.add(
            new PssViolation(
                c.name(),
                c.securityPath("capabilities.add"),
                "adds " + String.join(", ", forbidden) + " (only NET_BIND_SERVICE is allowed)"));
      }
    }
  }
}
