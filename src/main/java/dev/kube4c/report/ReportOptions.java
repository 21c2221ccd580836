package dev.kube4c.report;

/**
 * How to render: ANSI colour (terminals only), verbosity, and whether to print only the summary.
 */
public record ReportOptions(boolean color, boolean verbose, boolean quiet) {

  public static final ReportOptions PLAIN = new ReportOptions(false, false, false);
}
