package dev.kube4c.inventory;

/**
 * A container image reference split as the container runtimes do: registry (docker.io when none is
 * given), repository, tag and digest.
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

  public static ImageReference parse(String image) {
    String rest = image.trim();
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > slash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    String registry = "docker.io";
    int first = rest.indexOf('/');
    if (first > 0) {
      String head = rest.substring(0, first);
      if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
        registry = head;
        rest = rest.substring(first + 1);
      }
    }
    if (registry.equals("docker.io") && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    return new ImageReference(registry, rest, tag, digest);
  }

  public boolean hasDigest() {
    return digest != null && !digest.isEmpty();
  }

  /** No tag or "latest": what the image points to changes with every push. */
  public boolean isLatest() {
    return tag == null || tag.isEmpty() || tag.equals("latest");
  }

  /** registry/repository, e.g. docker.io/library/nginx. */
  public String fullName() {
    return registry + "/" + repository;
  }
}
