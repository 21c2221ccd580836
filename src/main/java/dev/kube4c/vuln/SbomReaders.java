package dev.kube4c.vuln;

import dev.kube4c.sbom.SbomReader;
import java.io.IOException;
import java.util.ServiceLoader;

/**
 * The image reader of {@code scan --images}: the {@link SbomReader} registered in {@code
 * META-INF/services/dev.kube4c.sbom.SbomReader}. Without one, every image is reported as not
 * scanned, with that reason.
 */
public final class SbomReaders {

  private SbomReaders() {}

  public static SbomReader builtIn() {
    return ServiceLoader.load(SbomReader.class, SbomReaders.class.getClassLoader())
        .findFirst()
        .orElse(
            image -> {
              throw new IOException("this kube4c build has no image reader (SbomReader)");
            });
  }
}
