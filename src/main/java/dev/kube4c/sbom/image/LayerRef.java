package dev.kube4c.sbom.image;

/**
 * One layer of an image, as its manifest lists it.
 *
 * @param digest the digest the source's bytes must match ({@code sha256:...})
 * @param size the size in bytes as the manifest says, or -1
 * @param digestOfTar true when {@code digest} is over the uncompressed tar (a docker-archive's
 *     {@code diff_ids}), false when over the bytes as stored (registry and OCI layout)
 */
public record LayerRef(String digest, long size, boolean digestOfTar) {}
