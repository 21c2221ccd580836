package dev.kube4c.rules;

import java.util.Locale;

/** The four C's, outermost first: a hole in an outer layer cannot be fixed by an inner one. */
public enum Layer {
  CLOUD,
  CLUSTER,
  CONTAINER,
  CODE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Layer parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
