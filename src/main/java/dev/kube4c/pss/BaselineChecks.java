package dev.kube4c.pss;

import static dev.kube4c.pss.Json.isTrue;
import static dev.kube4c.pss.Json.present;
import static dev.kube4c.pss.Json.quote;
import static dev.kube4c.pss.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.JsonLists;
import dev.kube4c.pss.PssPod.PssContainer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The baseline checks of k8s.io/pod-security-admission/policy, one method each, with upstream's
 * version switches. Field semantics follow Go's decoding: absent and null are nil, strings default
 * to "".
 */
final class BaselineChecks {

  private BaselineChecks() {}

  private static final Set<String> DEFAULT_CAPABILITIES =
      Set.of(
          "AUDIT_WRITE",
          "CHOWN",
          "DAC_OVERRIDE",
          "FOWNER",
          "FSETID",
          "KILL",
          "MKNOD",
          "NET_BIND_SERVICE",
          "SETFCAP",
          "SETGID",
          "SETPCAP",
          "SETUID",
          "SYS_CHROOT");

  private static final Set<String> SELINUX_TYPES_1_0 =
      Set.of("", "container_t", "container_init_t", "container_kvm_t");
  private static final Set<String> SELINUX_TYPES_1_31 =
      Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");

  private static final Set<String> SYSCTLS_1_0 =
      Set.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range",
          "net.ipv4.ip_unprivileged_port_start");
  private static final Set<String> SYSCTLS_1_27 =
      union(SYSCTLS_1_0, "net.ipv4.ip_local_reserved_ports");
  private static final Set<String> SYSCTLS_1_29 =
      union(
          SYSCTLS_1_27,
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes");
  private static final Set<String> SYSCTLS_1_32 =
      union(SYSCTLS_1_29, "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");
  private static final Set<String> SYSCTLS_1_37 =
      union(SYSCTLS_1_32, "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat");

  static final String SECCOMP_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
  static final String SECCOMP_CONTAINER_ANNOTATION =
      "container.seccomp.security.alpha.kubernetes.io/";
  private static final String APPARMOR_ANNOTATION =
      "container.apparmor.security.beta.kubernetes.io/";

  private static final String[] PROBES = {"livenessProbe", "readinessProbe", "startupProbe"};
  private static final String[] LIFECYCLE_HANDLERS = {"postStart", "preStop"};
  private static final String[] HANDLER_ACTIONS = {"httpGet", "tcpSocket"};

  static void hostNamespaces(PssPod pod, int minor, List<PssViolation> out) {
    for (String field : new String[] {"hostNetwork", "hostPID", "hostIPC"}) {
      if (isTrue(pod.spec().path(field))) {
        out.add(new PssViolation(null, pod.field(field), "is true"));
      }
    }
  }

  static void privileged(PssPod pod, int minor, List<PssViolation> out) {
    for (PssContainer c : pod.containers()) {
      if (isTrue(c.securityContext().path("privileged"))) {
        out.add(new PssViolation(c.name(), c.securityPath("privileged"), "is true"));
      }
    }
  }

  static void capabilities(PssPod pod, int minor, List<PssViolation> out) {
    for (PssContainer c : pod.containers()) {
      List<String> forbidden = new ArrayList<>();
      for (JsonNode capability : c.securityContext().path("capabilities").path("add")) {
        if (!DEFAULT_CAPABILITIES.contains(capability.asText())) {
          forbidden.add(quote(capability.asText()));
        }
      }
      if (!forbidden.isEmpty()) {
        out.add(
            new PssViolation(
                c.name(),
                c.securityPath("capabilities.add"),
                "adds " + String.join(", ", forbidden) + " (beyond the default set)"));
      }
    }
  }

  static void hostPathVolumes(PssPod pod, int minor, List<PssViolation> out) {
    JsonNode volumes = JsonLists.of(pod.spec().path("volumes"));
    for (int i = 0; i < volumes.size(); i++) {
      JsonNode hostPath = volumes.get(i).path("hostPath");
      if (present(hostPath)) {
        out.add(
            new PssViolation(
                null,
                pod.field("volumes[" + i + "].hostPath.path"),
                "is "
                    + quote(text(hostPath.path("path")))
                    + " (volume "
                    + quote(text(volumes.get(i).path("name")))
                    + ")"));
      }
    }
  }

  static void hostPorts(PssPod pod, int minor, List<PssViolation> out) {
    for (PssContainer c : pod.containers()) {
      JsonNode ports = JsonLists.of(c.node().path("ports"));
      for (int i = 0; i < ports.size(); i++) {
        JsonNode hostPort = ports.get(i).path("hostPort");
        if (present(hostPort) && hostPort.asLong() != 0) {
          out.add(
              new PssViolation(
                  c.name(), c.path() + ".ports[" + i + "].hostPort", "is " + hostPort.asText()));
        }
      }
    }
  }

  static void hostProbesAndHostLifecycle(PssPod pod, int minor, List<PssViolation> out) {
    for (PssContainer c : pod.containers()) {
      for (String probe : PROBES) {
        hostOf(c, c.node().path(probe), probe, out);
      }
      JsonNode lifecycle = c.node().path("lifecycle");
      for (String handler : LIFECYCLE_HANDLERS) {
        hostOf(c, lifecycle.path(handler), "lifecycle." + handler, out);
      }
    }
  }

  private static void hostOf(
      PssContainer c, JsonNode handler, String path, List<PssViolation> out) {
    for (String action : HANDLER_ACTIONS) {
      String host = text(handler.path(action).path("host"));
      if (!host.isEmpty()) {
        out.add(
            new PssViolation(
                c.name(), c.path() + "." + path + "." + action + ".host", "is " + quote(host)));
      }
    }
  }

  static void appArmorProfile(PssPod pod, int minor, List<PssViolation> out) {
    appArmorField(
        null, pod.securityContext(), pod.field("securityContext.appArmorProfile.type"), out);
    for (PssContainer c : pod.containers()) {
      appArmorField(c.name(), c.securityContext(), c.securityPath("appArmorProfile.type"), out);
    }
    for (Map.Entry<String, String> annotation : sortedAnnotations(pod).entrySet()) {
      String value = annotation.getValue();
      if (annotation.getKey().startsWith(APPARMOR_ANNOTATION)
          && !(value.isEmpty()
              || value.equals("runtime/default")
              || value.startsWith("localhost/"))) {
        out.add(
            new PssViolation(null, pod.annotationPath(annotation.getKey()), "is " + quote(value)));
      }
    }
  }

  private static void appArmorField(
      String container, JsonNode securityContext, String path, List<PssViolation> out) {
    JsonNode profile = securityContext.path("appArmorProfile");
    if (present(profile)) {
      String type = text(profile.path("type"));
      if (!type.equals("RuntimeDefault") && !type.equals("Localhost")) {
        out.add(new PssViolation(container, path, "is " + quote(type)));
      }
    }
  }

  static void seLinuxOptions(PssPod pod, int minor, List<PssViolation> out) {
    Set<String> allowed = minor >= 31 ? SELINUX_TYPES_1_31 : SELINUX_TYPES_1_0;
    seLinux(null, pod.securityContext(), pod.field("securityContext.seLinuxOptions"), allowed, out);
    for (PssContainer c : pod.containers()) {
      seLinux(c.name(), c.securityContext(), c.securityPath("seLinuxOptions"), allowed, out);
    }
  }

  private static void seLinux(
      String container,
      JsonNode securityContext,
      String path,
      Set<String> allowed,
      List<PssViolation> out) {
    JsonNode options = securityContext.path("seLinuxOptions");
    if (!present(options)) {
      return;
    }
    String type = text(options.path("type"));
    if (!allowed.contains(type)) {
      out.add(new PssViolation(container, path + ".type", "is " + quote(type)));
    }
    for (String field : new String[] {"user", "role"}) {
      String value = text(options.path(field));
      if (!value.isEmpty()) {
        out.add(
            new PssViolation(
                container, path + "." + field, "is " + quote(value) + " (must not be set)"));
      }
    }
  }

  static void procMount(PssPod pod, int minor, List<PssViolation> out) {
    if (minor >= 35 && pod.inUserNamespace()) {
      return;
    }
    procMountStrict(pod, minor, out);
  }

  /** Also the restricted check of v1.35+, which no user namespace relaxes. */
  static void procMountStrict(PssPod pod, int minor, List<PssViolation> out) {
    for (PssContainer c : pod.containers()) {
      JsonNode procMount = c.securityContext().path("procMount");
      if (present(procMount) && !procMount.asText().equals("Default")) {
        out.add(
            new PssViolation(
                c.name(), c.securityPath("procMount"), "is " + quote(procMount.asText())));
      }
    }
  }

  static void seccompProfile(PssPod pod, int minor, List<PssViolation> out) {
    if (minor < 19) {
      seccompAnnotations(pod, out);
      return;
    }
    JsonNode podProfile = pod.securityContext().path("seccompProfile");
    if (present(podProfile) && !validSeccompType(text(podProfile.path("type")))) {
      out.add(
          new PssViolation(
              null,
              pod.field("securityContext.seccompProfile.type"),
              "is " + quote(text(podProfile.path("type")))));
    }
    for (PssContainer c : pod.containers()) {
      JsonNode profile = c.securityContext().path("seccompProfile");
      if (present(profile) && !validSeccompType(text(profile.path("type")))) {
        out.add(
            new PssViolation(
                c.name(),
                c.securityPath("seccompProfile.type"),
                "is " + quote(text(profile.path("type")))));
      }
    }
  }

  /** Before v1.19 seccomp was set by annotations only. */
  private static void seccompAnnotations(PssPod pod, List<PssViolation> out) {
    JsonNode annotations = pod.annotations();
    JsonNode podValue = annotations.path(SECCOMP_POD_ANNOTATION);
    if (!podValue.isMissingNode() && !validSeccompAnnotation(text(podValue))) {
      out.add(
          new PssViolation(
              null, pod.annotationPath(SECCOMP_POD_ANNOTATION), "is " + quote(text(podValue))));
    }
    for (PssContainer c : pod.containers()) {
      String key = SECCOMP_CONTAINER_ANNOTATION + c.name();
      JsonNode value = annotations.path(key);
      if (!value.isMissingNode() && !validSeccompAnnotation(text(value))) {
        out.add(new PssViolation(c.name(), pod.annotationPath(key), "is " + quote(text(value))));
      }
    }
  }

  static boolean validSeccompType(String type) {
    return type.equals("RuntimeDefault") || type.equals("Localhost");
  }

  private static boolean validSeccompAnnotation(String value) {
    return value.equals("runtime/default")
        || value.equals("docker/default")
        || value.startsWith("localhost/");
  }

  static void sysctls(PssPod pod, int minor, List<PssViolation> out) {
    Set<String> allowed =
        minor >= 37
            ? SYSCTLS_1_37
            : minor >= 32
                ? SYSCTLS_1_32
                : minor >= 29 ? SYSCTLS_1_29 : minor >= 27 ? SYSCTLS_1_27 : SYSCTLS_1_0;
    JsonNode sysctls = JsonLists.of(pod.securityContext().path("sysctls"));
    for (int i = 0; i < sysctls.size(); i++) {
      String name = text(sysctls.get(i).path("name"));
      if (!allowed.contains(name)) {
        out.add(
            new PssViolation(
                null, pod.field("securityContext.sysctls[" + i + "].name"), "is " + quote(name)));
      }
    }
  }

  static void windowsHostProcess(PssPod pod, int minor, List<PssViolation> out) {
    if (isTrue(pod.securityContext().path("windowsOptions").path("hostProcess"))) {
      out.add(
          new PssViolation(
              null, pod.field("securityContext.windowsOptions.hostProcess"), "is true"));
    }
    for (PssContainer c : pod.containers()) {
      if (isTrue(c.securityContext().path("windowsOptions").path("hostProcess"))) {
        out.add(
            new PssViolation(c.name(), c.securityPath("windowsOptions.hostProcess"), "is true"));
      }
    }
  }

  /** Annotations by key, so that messages come out in a stable order (upstream sorts them too). */
  private static Map<String, String> sortedAnnotations(PssPod pod) {
    JsonNode annotations = pod.annotations();
    if (annotations.isEmpty()) {
      return Map.of();
    }
    Map<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : annotations.properties()) {
      sorted.put(e.getKey(), text(e.getValue()));
    }
    return sorted;
  }

  private static Set<String> union(Collection<String> base, String... more) {
    Set<String> all = new HashSet<>(base);
    all.addAll(List.of(more));
    return Set.copyOf(all);
  }
}
