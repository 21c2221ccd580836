package dev.kube4c.rules.components;

import dev.kube4c.components.Component;
import dev.kube4c.components.ComponentConfig;
import dev.kube4c.components.Components;
import dev.kube4c.components.FlagValue;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A CIS check of one component's settings. Subclasses list the problems of one component instance;
 * one finding per instance joins them, reported on the input that described it (static Pod,
 * ClusterConfiguration, KubeletConfiguration or command line).
 */
public abstract class ComponentRule implements Rule {

  private final Component component;

  protected ComponentRule(Component component) {
    this.component = component;
  }

  @Override
  public final void check(RuleContext context, FindingSink sink) {
    for (ComponentConfig config : Components.of(context.inventory(), component)) {
      List<String> problems = new ArrayList<>();
      check(config, context, problems);
      if (!problems.isEmpty()) {
        sink.report(
            config.ref(),
            config.location(),
            component.binary() + " (" + config.source() + "): " + String.join("; ", problems),
            null);
      }
    }
  }

  protected abstract void check(ComponentConfig config, RuleContext context, List<String> problems);

  /** The flag, or its default when absent (described as "--x is not set (default v)"). */
  static FlagValue flag(ComponentConfig config, String name, String defaultValue) {
    return config.flag(name).orElse(new FlagValue(defaultValue, config.missing(name), true));
  }

  /** Adds "--x is not set" for each flag that is absent or empty. */
  static void requireSet(ComponentConfig config, List<String> problems, String... names) {
    for (String name : names) {
      if (config.flag(name).map(f -> f.value().isBlank()).orElse(true)) {
        problems.add(config.missing(name));
      }
    }
  }

  /** "--profiling" and other switches whose safe value is false. */
  static void requireFalse(
      ComponentConfig config, List<String> problems, String name, String defaultValue) {
    FlagValue value = flag(config, name, defaultValue);
    if (!value.isFalse()) {
      problems.add(value.describe());
    }
  }

  static Set<String> list(String value) {
    String cleaned = value.replace("[", "").replace("]", "").replace("\"", "");
    Set<String> items = new java.util.LinkedHashSet<>();
    Arrays.stream(cleaned.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .forEach(items::add);
    return items;
  }

  /** Strong (AEAD, forward-secret) suites: the list of CIS 4.2.12, plus the TLS 1.3 suites. */
  static final Set<String> STRONG_CIPHERS =
      Set.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_RSA_WITH_AES_128_GCM_SHA256");

  /** Weak suites among the given ones, and a minimum TLS version below 1.2. */
  static void checkTls(FlagValue suites, FlagValue minVersion, List<String> problems) {
    if (suites != null) {
      List<String> weak =
          list(suites.value()).stream().filter(s -> !STRONG_CIPHERS.contains(s)).toList();
      if (!weak.isEmpty()) {
        problems.add(
            suites.origin() + " includes suites outside the CIS list: " + String.join(", ", weak));
      }
    }
    if (minVersion != null
        && (minVersion.value().equals("VersionTLS10")
            || minVersion.value().equals("VersionTLS11"))) {
      problems.add(minVersion.describe() + " (below TLS 1.2)");
    }
  }
}
