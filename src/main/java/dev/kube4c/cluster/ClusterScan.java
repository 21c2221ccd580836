package dev.kube4c.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.engine.Scanner;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.inventory.PartitionedInventory;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.InputSummary;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kube4c scan --cluster}: lists the cluster ({@link ClusterReader}) into a {@link
 * PartitionedInventory}, which holds the namespaced objects one namespace at a time, and runs the
 * same rules, exceptions and reports as for files. Findings carry {@code cluster/<context>} as
 * their source instead of a file location.
 */
public final class ClusterScan {

  /**
   * What to read: one namespace (null for all), page size, how long one request may take, and a
   * progress listener.
   */
  public record Options(
      String namespace,
      int pageSize,
      java.time.Duration requestTimeout,
      ClusterReader.Listener listener) {
    public static Options allNamespaces() {
      return new Options(
          null,
          ClusterReader.DEFAULT_PAGE_SIZE,
          ClusterTarget.REQUEST_TIMEOUT,
          ClusterReader.Listener.NONE);
    }
  }

  private final Scanner scanner;

  public ClusterScan(Scanner scanner) {
    this.scanner = scanner;
  }

  /** Connects as the kubeconfig (or in-cluster ServiceAccount) says and scans. */
  public ScanResult scan(
      ClusterTarget target, ScanRequest request, List<InputProblem> extraErrors, Options options) {
    try (KubernetesClient client =
            new KubernetesClientBuilder().withConfig(target.config()).build();
        KubernetesClient probing =
            new KubernetesClientBuilder().withConfig(target.probeConfig()).build()) {
      return scan(client, probing.getHttpClient(), target.name(), request, extraErrors, options);
    }
  }

  /**
   * Scans through an existing client; {@code source} names the cluster in findings ({@code
   * cluster/<context>}).
   */
  public ScanResult scan(
      KubernetesClient client,
      String source,
      ScanRequest request,
      List<InputProblem> extraErrors,
      Options options) {
    return scan(client, client.getHttpClient(), source, request, extraErrors, options);
  }

  private ScanResult scan(
      KubernetesClient client,
      io.fabric8.kubernetes.client.http.HttpClient probeHttp,
      String source,
      ScanRequest request,
      List<InputProblem> extraErrors,
      Options options) {
    ClusterReader reader =
        new ClusterReader(
            client.getHttpClient(),
            probeHttp,
            client.getMasterUrl().toString(),
            source,
            options.pageSize(),
            options.requestTimeout());
    try (PartitionedInventory.Builder builder = PartitionedInventory.builder()) {
      Map<String, String> paramKinds = new LinkedHashMap<>(); // kind -> apiVersion
      ClusterReader.Outcome outcome =
          reader.read(
              ApiKind.NEEDED,
              options.namespace(),
              options.listener(),
              (tree, location) -> {
                notePolicyParams(tree, paramKinds);
                builder.add(tree, location);
              });
      // Parameter kinds of the cluster's policies that kube4c does not list anyway (custom
      // resources, most often) are listed too, as discovery serves them.
      List<ApiKind> params = new ArrayList<>();
      paramKinds.forEach(
          (kind, apiVersion) -> {
            if (ApiKind.NEEDED.stream().noneMatch(k -> k.kind().equals(kind))) {
              reader.discover(apiVersion, kind).ifPresent(params::add);
            }
          });
      if (!params.isEmpty()) {
        outcome =
            outcome.and(reader.read(params, options.namespace(), options.listener(), builder::add));
      }
      try (PartitionedInventory cluster = builder.build(List.of())) {
        return scan(cluster, outcome, source, request, extraErrors, options);
      }
    }
  }

  private static void notePolicyParams(ObjectNode tree, Map<String, String> paramKinds) {
    if (tree.path("kind").asText().equals("ValidatingAdmissionPolicy")) {
      JsonNode paramKind = tree.path("spec").path("paramKind");
      if (paramKind.path("kind").isTextual() && paramKind.path("apiVersion").isTextual()) {
        paramKinds.putIfAbsent(
            paramKind.path("kind").asText(), paramKind.path("apiVersion").asText());
      }
    }
  }

  private ScanResult scan(
      PartitionedInventory cluster,
      ClusterReader.Outcome outcome,
      String source,
      ScanRequest request,
      List<InputProblem> extraErrors,
      Options options) {

    List<InputSummary> inputs = new ArrayList<>();
    inputs.add(
        new InputSummary(
            source, outcome.objectsListed(), outcome.accepted(), outcome.problems().size(), null));
    List<String> notes = new ArrayList<>();
    notes.add(
        "listed "
            + outcome.listed().size()
            + " kinds from "
            + source
            + " with "
            + outcome.listCalls()
            + " LIST calls (page size "
            + options.pageSize()
            + "): "
            + outcome.objectsListed()
            + " objects, "
            + outcome.ownedSkipped()
            + " made by a scanned controller and skipped; "
            + cluster.namespaces().size()
            + " namespaces scanned separately, one per core ("
            + String.format(java.util.Locale.ROOT, "%.1f", cluster.spilledBytes() / 1048576.0)
            + " MB held on disk meanwhile)");
    for (ClusterReader.Gap gap : outcome.gaps()) {
      inputs.add(
          new InputSummary(
              source + "/" + gap.kind().resourceName(), 0, 0, 0, "coverage gap: " + gap.reason()));
      notes.add("coverage gap: " + gap.kind().resourceName() + " not listed: " + gap.reason());
    }
    List<InputProblem> errors = new ArrayList<>(extraErrors);
    errors.addAll(outcome.problems());
    return scanner.scanPartitioned(cluster, request, inputs, errors, notes);
  }
}
