package dev.kube4c.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.Location;
import dev.kube4c.source.Renderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders a Kustomize overlay with a real kustomize ({@code kustomize build}, else {@code kubectl
 * kustomize}). The overlay is built through a temporary kustomization that asks for kustomize's
 * origin annotations, so every object names the resource file it came from; the annotations are
 * removed before rules see the object.
 */
final class KustomizeRenderer {

  static final String INSTALL_HINT =
      "install kustomize (https://kubectl.docs.kubernetes.io/installation/kustomize/, or `go install"
          + " sigs.k8s.io/kustomize/kustomize/v5@latest`) or kubectl, or pass --no-render";

  private static final String ORIGIN = "config.kubernetes.io/origin";
  private static final String TRANSFORMATIONS = "alpha.config.kubernetes.io/transformations";
  private static final YAMLMapper YAML = new YAMLMapper();

  /** The command that builds a kustomization folder given as its last argument, or empty. */
  static Optional<List<String>> command() {
    if (onPath("kustomize")) {
      return Optional.of(List.of("kustomize", "build"));
    }
    if (onPath("kubectl")) {
      return Optional.of(List.of("kubectl", "kustomize"));
    }
    return Optional.empty();
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  Renderer.Rendered render(Renderer.Target target) {
    Optional<List<String>> command = command();
    if (command.isEmpty()) {
      return failed(
          target,
          "cannot render the Kustomize overlay: neither kustomize nor kubectl is on PATH; "
              + INSTALL_HINT);
    }
    try {
      String remote = remoteReference(target.path());
      if (remote != null) {
        return failed(
            target,
            "the overlay uses the remote base "
                + remote
                + ", which kube4c does not fetch; run `kustomize build "
                + target.name()
                + " | kube4c scan -` where the network reaches it");
      }
      if (isComponent(target.path())) {
        return new Renderer.Rendered(
            List.of(),
            List.of(),
            List.of(target.name() + ": Kustomize component, rendered where an overlay uses it"));
      }
    } catch (IOException e) {
      return failed(target, "cannot read the kustomization: " + e.getMessage());
    }
    Path wrapper = null;
    try {
      wrapper = Files.createTempDirectory("kube4c-kustomize-");
      Path overlay = target.path().toAbsolutePath().normalize();
      String relative = wrapper.toRealPath().relativize(overlay.toRealPath()).toString();
      Files.writeString(
          wrapper.resolve("kustomization.yaml"),
          "resources:\n- "
              + relative
              + "\nbuildMetadata: [originAnnotations, transformerAnnotations]\n");
      List<String> argv = new ArrayList<>(command.get());
      argv.add(wrapper.toString());
      Process process = new ProcessBuilder(argv).redirectErrorStream(false).start();
      process.getOutputStream().close();
      java.util.concurrent.CompletableFuture<byte[]> err =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> readAll(process.getErrorStream()));
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return failed(target, "kustomize did not finish within 120 s");
      }
      if (process.exitValue() != 0) {
        String message = new String(err.join(), StandardCharsets.UTF_8).strip();
        message =
            message
                .replace(wrapper.toString(), "")
                .replace(relative, target.name())
                .replaceFirst("^Error: ", "")
                // klog's header (severity, date, time, pid, file:line) differs from run to run,
                // and a finding whose text changes is a new alert to code scanning each time
                .replaceAll(
                    "(?m)^[IWEF]\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d+\\s+\\d+ [\\w.-]+:\\d+\\] ", "")
                // kustomize wraps the cause in one line per folder it went through
                .replaceAll(
                    "accumulating resources: accumulation err='accumulating resources from '[^']*':"
                        + " '[^']*' must resolve to a file': (recursed accumulation of path '[^']*': )?",
                    "");
        return failed(
            target,
            "kustomize could not build the overlay: " + message.replaceAll("\\s*\\n\\s*", "; "));
      }
      return new Renderer.Rendered(
          documents(target, wrapper, new String(out, StandardCharsets.UTF_8)),
          List.of(),
          List.of(
              target.name()
                  + ": rendered Kustomize overlay with "
                  + String.join(" ", command.get())));
    } catch (IOException | UncheckedIOException e) {
      return failed(target, "cannot run kustomize: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(target, "interrupted while running kustomize");
    } finally {
      deleteQuietly(wrapper);
    }
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static final java.util.regex.Pattern REMOTE =
      java.util.regex.Pattern.compile(
          "(?m)^\\s*-\\s*['\"]?((?:https?://|git@|ssh://|github\\.com/)\\S*)");

  /** The first remote resource the kustomization names (kustomize would clone it), or null. */
  private static String remoteReference(Path dir) throws IOException {
    for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        java.util.regex.Matcher m = REMOTE.matcher(Files.readString(file, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : null;
      }
    }
    return null;
  }

  private static boolean isComponent(Path dir) throws IOException {
    for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        JsonNode tree = YAML.readTree(file.toFile());
        return tree != null && tree.path("kind").asText("").equals("Component");
      }
    }
    return false;
  }

  /** One document per object, placed in the resource file kustomize says it came from. */
  private List<Renderer.RenderedDocument> documents(
      Renderer.Target target, Path wrapper, String output) throws IOException {
    List<Renderer.RenderedDocument> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(output)) {
      while (it.hasNext()) {
        if (!(it.next() instanceof ObjectNode object)) {
          continue;
        }
        String originFile = null;
        List<Path> patches = new ArrayList<>();
        if (object.path("metadata").path("annotations") instanceof ObjectNode annotations) {
          patches.addAll(patchFiles(wrapper, annotations.path(TRANSFORMATIONS).asText("")));
          JsonNode origin =
              annotations.has(ORIGIN) ? YAML.readTree(annotations.path(ORIGIN).asText()) : null;
          if (origin != null && origin.hasNonNull("path")) {
            originFile = origin.get("path").asText();
          } else if (origin != null && origin.hasNonNull("configuredIn")) {
            originFile = origin.get("configuredIn").asText();
          }
          annotations.remove(ORIGIN);
          annotations.remove(TRANSFORMATIONS);
          if (annotations.isEmpty()) {
            ((ObjectNode) object.get("metadata")).remove("annotations");
          }
        }
        documents.add(document(target, wrapper, originFile, patches, object));
      }
    }
    return documents;
  }

  private Renderer.RenderedDocument document(
      Renderer.Target target,
      Path wrapper,
      String originFile,
      List<Path> patches,
      ObjectNode object)
      throws IOException {
    String text = YAML.writeValueAsString(object);
    if (originFile == null) {
      return new Renderer.RenderedDocument(
          target.name(), 0, text, Renderer.FieldLocator.NONE, null);
    }
    Path file = wrapper.resolve(originFile).normalize();
    Path overlay = target.path().toAbsolutePath().normalize().toRealPath();
    // Name the file as the overlay's inputs are named: relative to the folder that was given.
    String display = displayName(target.name(), overlay, file);
    KeyLines keys;
    try {
      keys = KeyLines.of(Files.readString(file, StandardCharsets.UTF_8), 1, Integer.MAX_VALUE);
    } catch (IOException | UncheckedIOException e) {
      return new Renderer.RenderedDocument(display, 0, text, Renderer.FieldLocator.NONE, null);
    }
    KeyLines.Entry top = keys.longestPrefix(List.of("apiVersion"));
    int line = top == null ? 1 : top.line();
    Path realOverlay = overlay;
    List<Patch> patchKeys = new ArrayList<>();
    for (Path patch : patches) {
      try {
        String patchText = Files.readString(patch, StandardCharsets.UTF_8);
        if (HelmRenderer.kindOf(patchText).equals(object.path("kind").asText())) {
          patchKeys.add(
              new Patch(
                  displayName(target.name(), realOverlay, patch),
                  KeyLines.of(patchText, 1, Integer.MAX_VALUE)));
        }
      } catch (IOException | UncheckedIOException e) {
        // a patch kustomize read but we cannot: the field stays with its resource file
      }
    }
    Renderer.FieldLocator fields =
        path -> {
          List<String> fieldKeys = KeyLines.keysOf(path);
          // The last patch that writes the field itself wins, as it does in kustomize; list items
          // are not counted there, as strategic merge matches them by name, not by place.
          for (int i = patchKeys.size() - 1; i >= 0; i--) {
            KeyLines.Entry patched = patchKeys.get(i).keys().exact(fieldKeys);
            if (patched != null) {
              return Optional.of(
                  new Renderer.FieldOrigin(
                      new Location(patchKeys.get(i).name(), patched.line(), patched.column()),
                      null));
            }
          }
          KeyLines.Entry entry = keys.locate(path);
          return entry == null
              ? Optional.empty()
              : Optional.of(
                  new Renderer.FieldOrigin(
                      new Location(display, entry.line(), entry.column()), null));
        };
    return new Renderer.RenderedDocument(display, line, text, fields, null);
  }

  private record Patch(String name, KeyLines keys) {}

  /**
   * The patch files of the kustomizations that patched an object, from kustomize's transformer
   * annotation (it names the kustomization, whose patches list names the files).
   */
  private static List<Path> patchFiles(Path wrapper, String transformations) {
    List<Path> files = new ArrayList<>();
    if (transformations.isBlank()) {
      return files;
    }
    try {
      for (JsonNode step : YAML.readTree(transformations)) {
        if (!step.path("configuredBy").path("kind").asText().equals("PatchTransformer")
            && !step.path("configuredBy")
                .path("kind")
                .asText()
                .equals("PatchStrategicMergeTransformer")) {
          continue;
        }
        Path kustomization = wrapper.resolve(step.path("configuredIn").asText()).normalize();
        JsonNode tree = YAML.readTree(kustomization.toFile());
        for (JsonNode patch : tree.path("patches")) {
          if (patch.hasNonNull("path")) {
            files.add(kustomization.resolveSibling(patch.get("path").asText()).normalize());
          }
        }
        for (JsonNode patch : tree.path("patchesStrategicMerge")) {
          if (patch.isTextual() && !patch.asText().contains("\n")) {
            files.add(kustomization.resolveSibling(patch.asText()).normalize());
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of(); // no patch provenance, the resource file still names the object
    }
    return files.stream().distinct().toList();
  }

  static String displayName(String overlayName, Path overlay, Path file) {
    Path relative = overlay.relativize(file);
    String joined =
        overlayName.endsWith("/") ? overlayName + relative : overlayName + "/" + relative;
    return Path.of(joined).normalize().toString();
  }

  private static Renderer.Rendered failed(Renderer.Target target, String message) {
    return new Renderer.Rendered(
        List.of(), List.of(new InputProblem(Location.of(target.name()), message)), List.of());
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      Files.deleteIfExists(dir.resolve("kustomization.yaml"));
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
