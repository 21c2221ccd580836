package dev.kube4c.sbom.image;

import dev.kube4c.sbom.extract.FileResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one layer holds that matters for an SBOM: the results of the files at watched paths, the
 * paths it deletes from the layers below ({@code .wh.NAME} whiteouts) and the folders whose lower
 * contents it hides ({@code .wh..wh..opq}). This is what the cache keeps per layer digest.
 *
 * @param digest the layer's digest
 * @param files results by path (relative to the image root, no leading slash)
 * @param whiteouts paths deleted from lower layers
 * @param opaqueDirs folders whose lower-layer contents are hidden
 * @param notes problems with the layer itself (unsafe paths, a broken stream)
 * @param complete false when the stream broke off: the results are partial and not cached
 */
public record LayerContents(
    String digest,
    Map<String, FileResult> files,
    List<String> whiteouts,
    List<String> opaqueDirs,
    List<String> notes,
    boolean complete) {

  public LayerContents {
    files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    whiteouts = List.copyOf(whiteouts);
    opaqueDirs = List.copyOf(opaqueDirs);
    notes = List.copyOf(notes);
  }

  /** A layer that could not be read at all. */
  static LayerContents failed(String digest, String note) {
    return new LayerContents(digest, Map.of(), List.of(), List.of(), List.of(note), false);
  }
}
