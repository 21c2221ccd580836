package dev.kube4c.source;

/**
 * What one input file gave: documents read, Kubernetes resources among them, problems. A file that
 * was skipped on purpose (a Helm chart, a compose file) carries the reason in {@code skipped}.
 */
public record InputSummary(
    String source, int documents, int resources, int errors, String skipped) {}
