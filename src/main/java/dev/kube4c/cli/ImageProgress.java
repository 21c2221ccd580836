package dev.kube4c.cli;

import dev.kube4c.vuln.ImageScanner;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of scan --images on a terminal: images read of all, then matching. On stderr.
 */
final class ImageProgress implements ImageScanner.Progress {

  private ProgressBar bar;

  /** A bar when stderr is a terminal and not in CI; otherwise nothing is printed. */
  static ImageScanner.Progress forTerminal(boolean quiet) {
    boolean interactive =
        System.console() != null
            && System.getenv("CI") == null
            && !"dumb".equals(System.getenv("TERM"));
    return interactive && !quiet ? new ImageProgress() : ImageScanner.Progress.NONE;
  }

  @Override
  public synchronized void imagesRead(int done, int total) {
    if (bar == null) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("images")
              .setInitialMax(total)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(200)
              .setConsumer(new ConsoleProgressBarConsumer(System.err))
              .clearDisplayOnFinish()
              .build();
    }
    bar.stepTo(done);
    bar.setExtraMessage(done == total ? "matching" : "reading");
  }

  @Override
  public synchronized void finished() {
    if (bar != null) {
      bar.close();
    }
  }
}
