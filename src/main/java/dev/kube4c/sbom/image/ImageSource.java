package dev.kube4c.sbom.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Where an image's manifest and layers come from: a registry, an OCI layout, a docker-save tar. */
interface ImageSource {

  /** The manifest chosen for the platform: its digest (or null) and layers, lowest first. */
  record Resolved(String digest, List<LayerRef> layers) {}

  Resolved resolve() throws IOException;

  /** The layer's bytes as stored (compressed or not); the caller closes the stream. */
  InputStream open(LayerRef layer) throws IOException;
}
