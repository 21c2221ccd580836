package dev.kube4c.images;

import java.util.Collection;

/** Verifies the images of a scan; the engine calls it once, before the rules run. */
public interface ImageVerifier {

  ImageTrust verify(Collection<String> images);
}
