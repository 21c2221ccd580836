package dev.kube4c.sbom.image;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.kube4c.images.DockerCredentials;
import dev.kube4c.images.OciClient;
import dev.kube4c.inventory.ImageReference;
import dev.kube4c.sbom.OsRelease;
import dev.kube4c.sbom.Purls;
import dev.kube4c.sbom.Sbom;
import dev.kube4c.sbom.SbomReader;
import dev.kube4c.sbom.SoftwarePackage;
import dev.kube4c.sbom.extract.ApkExtractor;
import dev.kube4c.sbom.extract.DpkgExtractor;
import dev.kube4c.sbom.extract.Extractor;
import dev.kube4c.sbom.extract.FileResult;
import dev.kube4c.sbom.extract.GoBinaryExtractor;
import dev.kube4c.sbom.extract.JavaArchiveExtractor;
import dev.kube4c.sbom.extract.NodeExtractor;
import dev.kube4c.sbom.extract.OsReleaseExtractor;
import dev.kube4c.sbom.extract.PythonExtractor;
import dev.kube4c.sbom.extract.RpmExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link SbomReader} for images: from a registry ({@code registry/repo:tag@digest}), an OCI
 * layout ({@code oci:DIR[:TAG]}) or a docker-save tarball ({@code docker-archive:FILE[:TAG]}).
 * Layers are fetched and scanned in parallel (at most {@code parallelism} at once, each streamed),
 * their contents cached by digest, then stacked lowest first with whiteouts applied. Thread-safe;
 * close it to stop its threads.
 */
public final class ImageSbomReader implements SbomReader, AutoCloseable {

  /** How the reader is set up; {@link #defaults()} is what the CLI uses. */
  public record Options(
      Path cacheDir, String platform, int parallelism, OciClient client, boolean useCache) {

    public static Options defaults() {
      return new Options(
          LayerCache.defaultDir(),
          "linux/amd64",
          4,
          new OciClient(DockerCredentials.fromEnvironment(), Duration.ofSeconds(60)),
          true);
    }

    public Options withCacheDir(Path dir) {
      return new Options(dir, platform, parallelism, client, useCache);
    }

    public Options withPlatform(String p) {
      return new Options(cacheDir, p, parallelism, client, useCache);
    }

    public Options withClient(OciClient c) {
      return new Options(cacheDir, platform, parallelism, c, useCache);
    }

    public Options withParallelism(int n) {
      return new Options(cacheDir, platform, n, client, useCache);
    }

    public Options withoutCache() {
      return new Options(cacheDir, platform, parallelism, client, false);
    }
  }

  private final Options options;
  private final LayerCache cache;
  private final LayerScanner scanner;
  private final ExecutorService pool;
  private final AtomicLong tarBytes = new AtomicLong();
  private final AtomicLong cachedLayers = new AtomicLong();

  public ImageSbomReader(Options options) {
    this.options = options;
    this.cache = new LayerCache(options.cacheDir());
    List<Extractor> extractors =
        List.of(
            new OsReleaseExtractor(),
            new DpkgExtractor(),
            new ApkExtractor(),
            new RpmExtractor(options.cacheDir().resolve("scratch")),
            new PythonExtractor(),
            new NodeExtractor(),
            new JavaArchiveExtractor(),
            new GoBinaryExtractor());
    this.scanner = new LayerScanner(extractors);
    this.pool =
        Executors.newFixedThreadPool(
            Math.max(1, options.parallelism()),
            r -> {
              Thread t = new Thread(r, "kube4c-layer");
              t.setDaemon(true);
              return t;
            });
  }

  /** Uncompressed layer bytes scanned so far (cache hits excluded), for throughput figures. */
  public long tarBytesScanned() {
    return tarBytes.get();
  }

  /** Layers answered from the cache so far. */
  public long layersFromCache() {
    return cachedLayers.get();
  }

  @Override
  public Sbom read(String image) throws IOException {
    ImageSource source = source(image);
    ImageSource.Resolved resolved = source.resolve();
    List<Future<LayerContents>> futures = new ArrayList<>();
    for (LayerRef layer : resolved.layers()) {
      futures.add(pool.submit(() -> layer(source, layer)));
    }
    List<LayerContents> layers = new ArrayList<>();
    try {
      for (Future<LayerContents> f : futures) {
        layers.add(f.get());
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IOException(image + ": interrupted");
    } catch (ExecutionException e) {
      throw new IOException(image + ": " + e.getCause().getMessage(), e.getCause());
    }
    return stack(image, resolved.digest(), layers);
  }

  private LayerContents layer(ImageSource source, LayerRef layer) {
    if (options.useCache()) {
      var cached = cache.get(layer.digest());
      if (cached.isPresent()) {
        cachedLayers.incrementAndGet();
        return cached.get();
      }
    }
    LayerScanner.Scanned scanned;
    try (InputStream in = source.open(layer)) {
      scanned = scanner.scan(layer, in);
    } catch (IOException e) {
      return LayerContents.failed(
          layer.digest(),
          "layer " + LayerScanner.shortDigest(layer.digest()) + ": " + e.getMessage());
    }
    if (scanned.tarBytes() > 0) {
      tarBytes.addAndGet(scanned.tarBytes());
    }
    if (options.useCache()) {
      cache.put(scanned.contents());
    }
    return scanned.contents();
  }

  ImageSource source(String image) throws IOException {
    if (image.startsWith("oci:")) {
      String[] dirTag = splitTag(image.substring(4));
      return new OciLayoutSource(Path.of(dirTag[0]), dirTag[1], options.platform());
    }
    if (image.startsWith("docker-archive:")) {
      String[] fileTag = splitTag(image.substring("docker-archive:".length()));
      return new DockerArchiveSource(Path.of(fileTag[0]), fileTag[1]);
    }
    ImageReference ref = ImageReference.parse(image);
    if (ref.repository().isEmpty() || image.isBlank()) {
      throw new IOException("'" + image + "' is not an image reference");
    }
    return new RegistrySource(options.client(), ref, options.platform());
  }

  /** {@code path[:tag]}; a colon followed by a slash is part of the path (e.g. C:/...). */
  private static String[] splitTag(String spec) {
    int colon = spec.lastIndexOf(':');
    if (colon > 0 && spec.indexOf('/', colon) < 0 && colon < spec.length() - 1) {
      return new String[] {spec.substring(0, colon), spec.substring(colon + 1)};
    }
    return new String[] {spec, null};
  }

  /**
   * The image's file view: each layer's whiteouts delete from the layers below, then its files
   * land.
   */
  static Sbom stack(String subject, String digest, List<LayerContents> layers) {
    TreeMap<String, FileResult> view = new TreeMap<>();
    List<String> notes = new ArrayList<>();
    for (LayerContents layer : layers) {
      for (String dir : layer.opaqueDirs()) {
        removeUnder(view, dir);
      }
      for (String path : layer.whiteouts()) {
        view.remove(path);
        removeUnder(view, path);
      }
      view.putAll(layer.files());
      notes.addAll(layer.notes());
    }
    OsRelease os = null;
    for (String path : List.of(OsReleaseExtractor.ETC, OsReleaseExtractor.USR_LIB)) {
      FileResult r = view.get(path);
      if (os == null && r != null && r.os() != null) {
        os = r.os();
      }
    }
    List<SoftwarePackage> packages = new ArrayList<>();
    for (Map.Entry<String, FileResult> e : view.entrySet()) {
      notes.addAll(e.getValue().notes());
      for (SoftwarePackage p : e.getValue().packages()) {
        packages.add(withDistro(p, os));
      }
    }
    packages.sort(
        Comparator.comparing((SoftwarePackage p) -> p.ecosystem())
            .thenComparing(SoftwarePackage::name)
            .thenComparing(SoftwarePackage::version)
            .thenComparing(p -> p.location() == null ? "" : p.location()));
    return new Sbom(subject, digest, os, packages, notes);
  }

  private static void removeUnder(TreeMap<String, FileResult> view, String dir) {
    if (dir.isEmpty()) {
      view.clear();
      return;
    }
    view.subMap(dir + "/", dir + "0").clear(); // '0' follows '/' in ASCII
  }

  /** OS packages get the namespace, ecosystem and distro qualifier of the image's OS release. */
  static SoftwarePackage withDistro(SoftwarePackage p, OsRelease os) {
    if (p.purl() == null) {
      return p;
    }
    try {
      PackageURL purl = new PackageURL(p.purl());
      String type = purl.getType();
      if (!type.equals("deb") && !type.equals("apk") && !type.equals("rpm")) {
        return p;
      }
      Map<String, String> q =
          new TreeMap<>(purl.getQualifiers() == null ? Map.of() : purl.getQualifiers());
      String distro = Purls.distro(os);
      if (distro != null) {
        q.put("distro", distro);
      }
      String newPurl =
          Purls.of(type, Purls.osNamespace(type, os), purl.getName(), purl.getVersion(), q);
      return new SoftwarePackage(
          Purls.osEcosystem(type, os),
          p.name(),
          p.version(),
          p.sourceName(),
          p.sourceVersion(),
          newPurl == null ? p.purl() : newPurl,
          p.location());
    } catch (MalformedPackageURLException e) {
      return p;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
