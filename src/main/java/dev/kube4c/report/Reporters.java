package dev.kube4c.report;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The registered report formats by name. */
public final class Reporters {

  private final Map<String, Reporter> byFormat = new TreeMap<>();

  public Reporters() {
    ServiceLoader.load(Reporter.class, Reporters.class.getClassLoader())
        .forEach(r -> byFormat.put(r.format(), r));
  }

  public Optional<Reporter> find(String format) {
    return Optional.ofNullable(byFormat.get(format));
  }

  public java.util.Set<String> formats() {
    return byFormat.keySet();
  }
}
