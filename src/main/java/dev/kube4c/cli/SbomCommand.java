package dev.kube4c.cli;

import dev.kube4c.engine.Scanner;
import dev.kube4c.sbom.CycloneDxWriter;
import dev.kube4c.sbom.Sbom;
import dev.kube4c.sbom.SbomFiles;
import dev.kube4c.sbom.SoftwarePackage;
import dev.kube4c.sbom.image.ImageSbomReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kube4c sbom IMAGE}: the packages of an image (or an SBOM file), as CycloneDX 1.6 JSON. */
@Command(
    name = "sbom",
    description = {
      "List the packages of an image (OS packages, Java, Python, Node, Go) as CycloneDX 1.6 JSON.",
      "IMAGE is a registry reference (registry/repo:tag[@digest]), oci:DIR[:TAG] for an OCI",
      "layout, docker-archive:FILE[:TAG] for a 'docker save' tarball, or a CycloneDX or SPDX",
      "JSON file. Layers are cached by digest in $KUBE4C_CACHE_DIR (default ~/.cache/kube4c)."
    })
final class SbomCommand implements Callable<Integer> {

  private long tarBytes;
  private long cachedLayers;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "IMAGE", description = "The image or SBOM file.")
  String image;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the SBOM to FILE instead of standard output.")
  Path output;

  @Option(
      names = {"-f", "--format"},
      defaultValue = "cyclonedx",
      description = "cyclonedx (JSON) or text, one package a line (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--platform",
      defaultValue = "linux/amd64",
      paramLabel = "OS/ARCH[/VARIANT]",
      description = "The image of a multi-platform index to read (default: ${DEFAULT-VALUE}).")
  String platform;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = "Cache folder (default: $KUBE4C_CACHE_DIR, else ~/.cache/kube4c).")
  Path cacheDir;

  @Option(
      names = "--no-cache",
      description = "Read every layer again; do not use or fill the cache.")
  boolean noCache;

  @Option(
      names = "--parallel",
      defaultValue = "4",
      description = "Layers fetched and read at once (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (!format.equals("cyclonedx") && !format.equals("text")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--format must be cyclonedx or text");
    }
    if (!platform.matches("[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--platform must be OS/ARCH[/VARIANT], e.g. linux/arm64/v8");
    }
    Sbom sbom;
    long start = System.nanoTime();
    try {
      sbom = read();
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return Main.EXIT_ERROR;
    }
    String text =
        format.equals("text") ? text(sbom) : CycloneDxWriter.toJson(sbom, Scanner.VERSION);
    try {
      if (output != null) {
        Files.writeString(output, text, StandardCharsets.UTF_8);
      } else {
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
      }
    } catch (IOException e) {
      err.println("error: cannot write " + output + ": " + e.getMessage());
      err.flush();
      return Main.EXIT_ERROR;
    }
    sbom.notes().forEach(n -> err.println("note: " + n));
    err.println(
        "kube4c sbom: "
            + sbom.packages().size()
            + " packages"
            + (sbom.os() == null ? "" : " on " + sbom.os().id() + " " + sbom.os().versionId())
            + " in "
            + sbom.subject()
            + String.format(
                java.util.Locale.ROOT,
                " (%.1f s; %d MB of layer data read, %d layers from the cache)",
                (System.nanoTime() - start) / 1e9,
                tarBytes / 1_000_000,
                cachedLayers));
    err.flush();
    return Main.EXIT_OK;
  }

  private Sbom read() throws IOException {
    Path file = Path.of(image.replaceFirst("^~", System.getProperty("user.home")));
    if (!image.startsWith("oci:")
        && !image.startsWith("docker-archive:")
        && Files.isRegularFile(file)
        && SbomFiles.looksLikeSbom(file)) {
      return SbomFiles.read(file);
    }
    ImageSbomReader.Options options =
        ImageSbomReader.Options.defaults().withPlatform(platform).withParallelism(parallel);
    if (cacheDir != null) {
      options = options.withCacheDir(cacheDir);
    }
    if (noCache) {
      options = options.withoutCache();
    }
    try (ImageSbomReader reader = new ImageSbomReader(options)) {
      Sbom sbom = reader.read(image);
      tarBytes = reader.tarBytesScanned();
      cachedLayers = reader.layersFromCache();
      return sbom;
    }
  }

  private static String text(Sbom sbom) {
    StringBuilder b = new StringBuilder();
    for (SoftwarePackage p : sbom.packages()) {
      b.append(p.ecosystem())
          .append('\t')
          .append(p.name())
          .append('\t')
          .append(p.version())
          .append('\t')
          .append(p.location() == null ? "" : p.location())
          .append('\n');
    }
    return b.toString();
  }
}
