package dev.kube4c.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The render stage in front of parsing: turns a Helm chart or a Kustomize overlay into the
 * manifests it stands for, each tied to the file that produced it. {@link SourceLoader} finds the
 * targets while it walks the inputs and parses what comes back like any file; the implementation
 * (package {@code dev.kube4c.render}) keeps the heavy engines out of scans that have no charts.
 */
public interface Renderer {

  /** What a folder or file is to the render stage. */
  enum Kind {
    HELM_CHART,
    KUSTOMIZATION
  }

  /**
   * One thing to render: a chart folder, a packaged chart (.tgz), an OCI reference ({@code path}
   * null) or a kustomization folder; {@code name} is how the inputs name it.
   */
  record Target(Kind kind, String name, Path path, String reference) {}

  /**
   * One rendered object as text, with the template (or resource) file it came from, the line of the
   * object in that file (0 when unknown), how to find a field's line and value origin there, and
   * the namespace an object that names none lands in when installed (Helm's release namespace; null
   * to leave it unset).
   */
  record RenderedDocument(
      String file, int line, String text, FieldLocator fields, String releaseNamespace) {}

  /**
   * What rendering one target gave; {@code problems} are render errors with their place, {@code
   * notes} say what was done (for --verbose).
   */
  record Rendered(
      List<RenderedDocument> documents, List<InputProblem> problems, List<String> notes) {}

  Rendered render(Target target);

  /**
   * Null when targets of this kind can be rendered here; otherwise why not and how to fix it (no
   * kustomize on PATH): such folders are then read as plain files, with that note.
   */
  default String unavailable(Kind kind) {
    return null;
  }

  /** Finds where a field of a rendered object was written. */
  interface FieldLocator {

    /**
     * Where {@code fieldPath} (as rule messages write it, e.g. {@code
     * spec.template.spec.containers[0].securityContext.privileged}) is set; empty when not known.
     */
    Optional<FieldOrigin> locate(String fieldPath);

    FieldLocator NONE = path -> Optional.empty();
  }

  /**
   * The line of a field in its template, and where the value came from ({@code valuesOrigin} such
   * as {@code values.yaml:42 securityContext.privileged}, or null).
   */
  record FieldOrigin(Location location, String valuesOrigin) {}
}
