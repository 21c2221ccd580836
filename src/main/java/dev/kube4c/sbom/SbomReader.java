package dev.kube4c.sbom;

import java.io.IOException;

/**
 * Reads what an image contains. The vulnerability rules depend on this interface only, so that
 * image access (registry, OCI layout, docker-save tarball) and advisory matching stay apart.
 */
public interface SbomReader extends AutoCloseable {

  /**
   * @param image an image reference as written in a pod spec ({@code registry/repo:tag@digest}),
   *     {@code oci:DIR[:tag]} for an OCI layout folder, or {@code docker-archive:FILE} for a {@code
   *     docker save} tarball
   * @throws IOException with a message fit for the user when the image cannot be read
   */
  Sbom read(String image) throws IOException;

  /** Stops what the reader runs in the background (its download threads); by default nothing. */
  @Override
  default void close() {}
}
