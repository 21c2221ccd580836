package dev.kube4c.sbom.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.images.OciClient;
import dev.kube4c.images.RegistryException;
import dev.kube4c.inventory.ImageReference;
import java.io.IOException;
import java.io.InputStream;

/**
 * An image in an OCI registry, through the project's registry client (token auth, Docker login).
 */
final class RegistrySource implements ImageSource {

  private final OciClient client;
  private final ImageReference ref;
  private final String platform;

  RegistrySource(OciClient client, ImageReference ref, String platform) {
    this.client = client;
    this.ref = ref;
    this.platform = platform;
  }

  @Override
  public Resolved resolve() throws IOException {
    String reference = ref.hasDigest() ? ref.digest() : (ref.tag() == null ? "latest" : ref.tag());
    String what = ref.fullName() + (ref.hasDigest() ? "@" : ":") + reference;
    try {
      OciClient.Manifest manifest =
          client
              .manifest(ref.registry(), ref.repository(), reference)
              .orElseThrow(() -> new IOException(what + ": no such image in the registry"));
      JsonNode json = Manifests.parse(manifest.bytes(), what);
      if (Manifests.isIndex(json, manifest.mediaType())) {
        String digest = Manifests.forPlatform(json, platform, what);
        manifest =
            client
                .manifest(ref.registry(), ref.repository(), digest)
                .orElseThrow(() -> new IOException(what + ": index entry " + digest + " missing"));
        json = Manifests.parse(manifest.bytes(), what);
      }
      return new Resolved(manifest.digest(), Manifests.layers(json, what));
    } catch (RegistryException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public InputStream open(LayerRef layer) throws IOException {
    try {
      return client.openBlob(ref.registry(), ref.repository(), layer.digest());
    } catch (RegistryException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
