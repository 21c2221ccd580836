package dev.kube4c.cli;

import dev.kube4c.cluster.ApiKind;
import dev.kube4c.cluster.ClusterReader;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of a cluster scan on a terminal: kinds listed of all, objects so far, elapsed
 * time. On stderr.
 */
final class ClusterProgress implements ClusterReader.Listener, AutoCloseable {

  private final ProgressBar bar;
  private String current = "";

  private ClusterProgress(int kinds) {
    this.bar =
        new ProgressBarBuilder()
            .setTaskName("listing")
            .setInitialMax(kinds)
            .setUnit(" kinds", 1)
            .setStyle(ProgressBarStyle.ASCII)
            .hideEta()
            .setUpdateIntervalMillis(200)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .clearDisplayOnFinish()
            .build();
  }

  /** A bar when stderr is a terminal and not in CI; otherwise a listener that prints nothing. */
  static ClusterReader.Listener forTerminal(boolean quiet) {
    boolean interactive =
        System.console() != null
            && System.getenv("CI") == null
            && !"dumb".equals(System.getenv("TERM"));
    return interactive && !quiet
        ? new ClusterProgress(ApiKind.NEEDED.size())
        : ClusterReader.Listener.NONE;
  }

  @Override
  public void kindStarted(ApiKind kind) {
    current = kind.kind();
    bar.setExtraMessage(current);
  }

  @Override
  public void objectsRead(int total) {
    bar.setExtraMessage(current + " · " + total + " objects");
  }

  @Override
  public void kindFinished(ApiKind kind) {
    bar.step();
  }

  @Override
  public void close() {
    bar.close();
  }
}
