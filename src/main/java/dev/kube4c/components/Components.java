package dev.kube4c.components;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.JsonLists;
import dev.kube4c.inventory.Resource;
import dev.kube4c.inventory.ResourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the component instances of a scan: static Pods (by their {@code component} label or the
 * command they run), kubeadm ClusterConfigurations, {@code ComponentFlags} command lines, and
 * kubelets (KubeletConfiguration files, paired with the kubelet's command line when both are in the
 * input; flags override the file as in the kubelet).
 */
public final class Components {

  private Components() {}

  public static List<ComponentConfig> of(Inventory inventory, Component wanted) {
    List<ComponentConfig> out = new ArrayList<>();
    if (wanted == Component.KUBELET) {
      kubelets(inventory, out);
      return out;
    }
    for (Resource pod : inventory.ofKind("Pod")) {
      staticPod(pod, wanted).ifPresent(out::add);
    }
    for (Resource config : inventory.ofKind("ClusterConfiguration")) {
      if (config.apiVersion().startsWith("kubeadm.k8s.io/")) {
        kubeadm(config, wanted).ifPresent(out::add);
      }
    }
    for (Resource flags : inventory.ofKind(FlagListDetector.KIND)) {
      if (flags.object().path("component").asText().equals(wanted.binary())) {
        out.add(
            new ComponentConfig(
                wanted, "command line", ref(flags), flags.location(), flagsOf(flags), null));
      }
    }
    return out;
  }

  // --- static Pods ---

  private static Optional<ComponentConfig> staticPod(Resource pod, Component wanted) {
    JsonNode containers = JsonLists.of(pod.spec().path("containers"));
    String label = pod.labels().getOrDefault("component", "");
    for (int i = 0; i < containers.size(); i++) {
      JsonNode container = containers.get(i);
      JsonNode command = container.path("command");
      String first = command.path(0).asText(container.path("args").path(0).asText(""));
      boolean byCommand = Component.ofCommand(first).orElse(null) == wanted;
      boolean byLabel =
          label.equals(wanted.binary())
              && (i == 0 || container.path("name").asText().equals(wanted.binary()));
      if (byCommand || byLabel) {
        Map<String, FlagValue> flags = new LinkedHashMap<>();
        String base = "spec.containers[" + i + "]";
        readList(command, base + ".command", flags);
        readList(container.path("args"), base + ".args", flags);
        return Optional.of(
            new ComponentConfig(wanted, "static Pod", pod.ref(), pod.location(), flags, null));
      }
    }
    return Optional.empty();
  }

  private static void readList(JsonNode list, String path, Map<String, FlagValue> flags) {
    List<String> words = new ArrayList<>();
    list.forEach(w -> words.add(w.asText()));
    for (CommandLines.Flag flag : CommandLines.flags(words)) {
      flags.put(
          flag.name(),
          new FlagValue(flag.value(), path + "[" + flag.index() + "] --" + flag.name(), false));
    }
  }

  // --- kubeadm ---

  private static Optional<ComponentConfig> kubeadm(Resource config, Component wanted) {
    JsonNode spec = config.object();
    String section =
        switch (wanted) {
          case APISERVER -> "apiServer";
          case CONTROLLER_MANAGER -> "controllerManager";
          case SCHEDULER -> "scheduler";
          case ETCD -> "etcd.local";
          case KUBELET -> null;
        };
    if (section == null) {
      return Optional.empty();
    }
    boolean externalEtcd = spec.path("etcd").has("external");
    if (wanted == Component.ETCD && externalEtcd) {
      return Optional.empty(); // etcd runs elsewhere; its own flags are not in this file
    }
    Map<String, FlagValue> flags = new LinkedHashMap<>();
    KubeadmDefaults.of(wanted)
        .forEach(
            (name, value) ->
                flags.put(name, new FlagValue(value, "kubeadm default --" + name, false)));
    if (wanted == Component.APISERVER && externalEtcd) {
      JsonNode external = spec.path("etcd").path("external");
      flags.remove("etcd-cafile");
      flags.remove("etcd-certfile");
      flags.remove("etcd-keyfile");
      putIfText(flags, "etcd-cafile", external.path("caFile"), "etcd.external.caFile");
      putIfText(flags, "etcd-certfile", external.path("certFile"), "etcd.external.certFile");
      putIfText(flags, "etcd-keyfile", external.path("keyFile"), "etcd.external.keyFile");
    }
    JsonNode node = spec;
    for (String part : section.split("\\.")) {
      node = node.path(part);
    }
    readExtraArgs(node.path("extraArgs"), section + ".extraArgs", flags);
    return Optional.of(
        new ComponentConfig(
            wanted, "kubeadm ClusterConfiguration", ref(config), config.location(), flags, null));
  }

  /** kubeadm extraArgs: a map in v1beta3, a list of name/value pairs in v1beta4. */
  private static void readExtraArgs(JsonNode extraArgs, String path, Map<String, FlagValue> flags) {
    if (extraArgs.isObject()) {
      extraArgs
          .properties()
          .forEach(
              e ->
                  flags.put(
                      e.getKey(),
                      new FlagValue(e.getValue().asText(), path + "." + e.getKey(), false)));
    } else if (extraArgs.isArray()) {
      for (int i = 0; i < extraArgs.size(); i++) {
        JsonNode arg = extraArgs.get(i);
        flags.put(
            arg.path("name").asText(),
            new FlagValue(
                arg.path("value").asText(),
                path + "[" + i + "] " + arg.path("name").asText(),
                false));
      }
    }
  }

  private static void putIfText(
      Map<String, FlagValue> flags, String flag, JsonNode value, String path) {
    if (value.isTextual() && !value.asText().isEmpty()) {
      flags.put(flag, new FlagValue(value.asText(), path, false));
    }
  }

  // --- kubelet ---

  private static void kubelets(Inventory inventory, List<ComponentConfig> out) {
    List<Resource> configs = new ArrayList<>();
    for (Resource r : inventory.ofKind("KubeletConfiguration")) {
      if (r.apiVersion().startsWith("kubelet.config.k8s.io/")) {
        configs.add(r);
      }
    }
    List<Resource> commandLines = new ArrayList<>();
    for (Resource r : inventory.ofKind(FlagListDetector.KIND)) {
      if (r.object().path("component").asText().equals("kubelet")) {
        commandLines.add(r);
      }
    }
    // All kubelet command-line sources of one scan describe one kubelet (kubeadm's
    // nodeRegistration.kubeletExtraArgs, env file, drop-in, process; later ones win).
    Map<String, FlagValue> flags = new LinkedHashMap<>();
    for (String kind : List.of("InitConfiguration", "JoinConfiguration")) {
      for (Resource r : inventory.ofKind(kind)) {
        if (r.apiVersion().startsWith("kubeadm.k8s.io/")) {
          readExtraArgs(
              r.object().path("nodeRegistration").path("kubeletExtraArgs"),
              "nodeRegistration.kubeletExtraArgs",
              flags);
          if (!flags.isEmpty() && commandLines.isEmpty()) {
            commandLines.add(r);
          }
        }
      }
    }
    commandLines.stream()
        .filter(r -> r.kind().equals(FlagListDetector.KIND))
        .forEach(r -> flags.putAll(flagsOf(r)));
    if (configs.isEmpty()) {
      if (!commandLines.isEmpty()) {
        Resource first = commandLines.get(0);
        boolean kubeadm = !first.kind().equals(FlagListDetector.KIND);
        // kubeadm always writes a KubeletConfiguration of its own; its hardened defaults apply
        // under the extra args.
        JsonNode config = kubeadm ? KubeadmDefaults.kubeletConfiguration() : null;
        out.add(
            new ComponentConfig(
                Component.KUBELET,
                kubeadm ? "kubeadm " + first.kind() : "command line",
                ref(first),
                first.location(),
                flags,
                config));
      }
      return;
    }
    Resource paired = pairedConfig(configs, flags);
    for (Resource config : configs) {
      Map<String, FlagValue> own = config == paired ? flags : Map.of();
      out.add(
          new ComponentConfig(
              Component.KUBELET,
              "KubeletConfiguration",
              ref(config),
              config.location(),
              own,
              config.object()));
    }
  }

  /**
   * The config file the kubelet's --config names, or the only one when the scan has one config and
   * a command line.
   */
  private static Resource pairedConfig(List<Resource> configs, Map<String, FlagValue> flags) {
    if (flags.isEmpty()) {
      return null;
    }
    FlagValue config = flags.get("config");
    if (config != null) {
      for (Resource r : configs) {
        if (sameFile(r.location().file(), config.value())) {
          return r;
        }
      }
    }
    return configs.size() == 1 ? configs.get(0) : null;
  }

  /**
   * Whether an input file is the file a flag names: the same path, or the same path below a scanned
   * folder.
   */
  public static boolean sameFile(String inputFile, String flagPath) {
    String a = inputFile.replace('\\', '/');
    String b = flagPath.replace('\\', '/');
    return a.equals(b)
        || a.endsWith(b.startsWith("/") ? b : "/" + b)
        || FlagListDetector.baseName(a).equals(FlagListDetector.baseName(b)) && !b.contains("/");
  }

  private static Map<String, FlagValue> flagsOf(Resource flags) {
    Map<String, FlagValue> out = new LinkedHashMap<>();
    for (JsonNode flag : flags.object().path("flags")) {
      String name = flag.path("name").asText();
      out.put(
          name,
          new FlagValue(
              flag.path("value").asText(),
              "--" + name + " (line " + flag.path("line").asInt() + ")",
              false));
    }
    return out;
  }

  /** Files like KubeletConfiguration have no metadata.name: they are named by their file. */
  static ResourceRef ref(Resource resource) {
    String name = resource.object().path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      name = FlagListDetector.baseName(resource.location().file());
    }
    return new ResourceRef(resource.apiVersion(), resource.kind(), null, name, null);
  }

  /**
   * The EncryptionConfiguration that --encryption-provider-config names, when it is in the input.
   */
  public static Optional<Resource> encryptionConfig(Inventory inventory, String path) {
    // A static pod (namespaced) names a node file (cluster-scoped): a cluster-wide lookup.
    Inventory files = inventory.clusterWide();
    List<Resource> all = new ArrayList<>(files.ofKind("EncryptionConfiguration"));
    all.addAll(files.ofKind("EncryptionConfig"));
    for (Resource r : all) {
      if (sameFile(r.location().file(), path)) {
        return Optional.of(r);
      }
    }
    return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
  }
}
