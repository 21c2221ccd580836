package dev.kube4c.render;

import dev.kube4c.source.Renderer;

/**
 * The render stage: Helm charts through Helm's engine, Kustomize overlays through kustomize. The
 * engines are created on first use, so a scan that meets no chart never loads helm-java.
 */
public final class Rendering implements Renderer {

  private final RenderOptions options;
  private HelmRenderer helm;

  public Rendering(RenderOptions options) {
    this.options = options;
  }

  @Override
  public String unavailable(Kind kind) {
    return kind == Kind.KUSTOMIZATION && KustomizeRenderer.command().isEmpty()
        ? "neither kustomize nor kubectl is on PATH; " + KustomizeRenderer.INSTALL_HINT
        : null;
  }

  @Override
  public Rendered render(Target target) {
    if (target.kind() == Kind.KUSTOMIZATION) {
      return new KustomizeRenderer().render(target); // a process each: these may run side by side
    }
    return renderChart(target);
  }

  /** Helm's engine is one native library per process: charts render one at a time. */
  private synchronized Rendered renderChart(Target target) {
    if (helm == null) {
      helm = new HelmRenderer(options);
    }
    return helm.render(target);
  }
}
