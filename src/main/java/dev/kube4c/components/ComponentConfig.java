package dev.kube4c.components;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.inventory.ResourceRef;
import dev.kube4c.source.Location;
import java.util.Map;
import java.util.Optional;

/**
 * The effective settings of one component instance, from whichever input described it: a static
 * Pod, a kubeadm ClusterConfiguration (kubeadm's own flags plus extraArgs), a saved command line,
 * or (for the kubelet) a KubeletConfiguration file with flags on top. {@code source} names the
 * input kind for messages.
 */
public record ComponentConfig(
    Component component,
    String source,
    ResourceRef ref,
    Location location,
    Map<String, FlagValue> flags,
    JsonNode kubeletConfig) {

  public ComponentConfig {
    flags = Map.copyOf(flags);
  }

  public Optional<FlagValue> flag(String name) {
    return Optional.ofNullable(flags.get(name));
  }

  /** The flag as "--name" for messages when it is absent. */
  public String missing(String name) {
    return component.binary() + " --" + name + " is not set";
  }

  public boolean hasKubeletConfig() {
    return kubeletConfig != null;
  }

  /**
   * A kubelet setting: the flag wins (as in the kubelet), then the KubeletConfiguration field, then
   * the kubelet's default, which differs between config-file and flag-only setups.
   */
  public FlagValue kubelet(
      String flag, String field, String defaultWithFile, String defaultFlagsOnly) {
    FlagValue fromFlag = flags.get(flag);
    if (fromFlag != null) {
      return fromFlag;
    }
    if (kubeletConfig != null) {
      JsonNode node = kubeletConfig;
      for (String part : field.split("\\.")) {
        node = node.path(part);
      }
      if (!node.isMissingNode() && !node.isNull()) {
        return new FlagValue(
            node.isContainerNode() ? node.toString() : node.asText(), field, false);
      }
      return new FlagValue(defaultWithFile, field + " is not set", true);
    }
    return new FlagValue(defaultFlagsOnly, "kubelet --" + flag + " is not set", true);
  }
}
