package dev.kube4c.vuln;

import dev.kube4c.sbom.SbomReader;
import dev.kube4c.sbom.image.ImageSbomReader;

/**
 * The image reader of {@code scan --images}: registries, OCI layouts and docker-save tarballs, with
 * the layer cache under {@code ~/.cache/kube4c} (as {@code kube4c sbom} reads them).
 */
public final class SbomReaders {

  private SbomReaders() {}

  public static SbomReader builtIn() {
    return new ImageSbomReader(ImageSbomReader.Options.defaults());
  }
}
