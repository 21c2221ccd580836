package dev.kube4c.fuzz;

import dev.kube4c.testing.PartitionedOracle;

import dev.kube4c.config.Config;
import dev.kube4c.engine.ScanRequest;
import dev.kube4c.engine.Scanner;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.report.JsonReporter;
import dev.kube4c.report.ReportOptions;
import dev.kube4c.report.TextReporter;
import dev.kube4c.rules.FindingSink;
import dev.kube4c.rules.Rule;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.rules.RuleContext;
import dev.kube4c.source.Document;
import dev.kube4c.source.InputProblem;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

/** Runs every built-in rule on one inventory, single-threaded so that a failure surfaces with its stack. */
final class FuzzSupport {

  private static final RuleCatalogue RULES = RuleCatalogue.builtIn();
  private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

  private FuzzSupport() {}

  static ScanResult scanAll(List<Document> documents, List<InputProblem> problems) {
    Inventory inventory = Inventory.of(documents, problems);
    RuleContext context = new RuleContext(inventory, Config.DEFAULT, TODAY);
    FindingSink sink =
        (resource, location, message, severity) -> {
          if (message == null || message.isBlank()) {
            throw new IllegalStateException("finding without a message");
          }
        };
    for (Rule rule : RULES.all()) {
      if (rule.isActive(context)) {
        rule.check(context, sink);
      }
    }
    // The engine and both reporters on the same input: ordering, scoring and rendering must hold too.
    ScanRequest request = new ScanRequest(Config.DEFAULT, null, null, null, TODAY);
    ScanResult result = new Scanner(RULES).scan(inventory, request, List.of(), List.of(), List.of());
    for (InputProblem error : result.errors()) {
      if (error.message().startsWith("internal error")) {
        throw new IllegalStateException(error.toString());
      }
    }
    // Differential: the same objects held one namespace at a time, as a live-cluster scan holds
    // them, must give the same findings.
    List<String> differences =
        PartitionedOracle.compare(
                new Scanner(RULES),
                request,
                PartitionedOracle.clusterObjects(copies(documents), false))
            .differences();
    if (!differences.isEmpty()) {
      throw new IllegalStateException("partitioned scan differs: " + differences);
    }
    try {
      new JsonReporter().write(result, ReportOptions.PLAIN, new StringWriter());
      new TextReporter().write(result, ReportOptions.PLAIN, new StringWriter());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }

  private static List<Document> copies(List<Document> documents) {
    return documents.stream().map(d -> new Document(d.tree().deepCopy(), d.location())).toList();
  }
}
