package dev.kube4c.cli;

import dev.kube4c.policy.PolicyTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kube4c test}: runs ValidatingAdmissionPolicy tests (kube4c-test.yaml files). */
@Command(
    name = "test",
    description =
        "Test ValidatingAdmissionPolicies offline: run every kube4c-test.yaml below DIR (see docs/policies.md).")
final class TestCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "A folder (searched recursively) or one test file.")
  Path path;

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Also write the results as JUnit XML to FILE.")
  Path junit;

  @Option(names = "--quiet", description = "Print only failures and the summary.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    PolicyTest.Run run = PolicyTest.run(path, System.in);
    PrintWriter out = spec.commandLine().getOut();
    for (PolicyTest.Case c : run.cases()) {
      if (!quiet || !c.passed()) {
        out.println(
            (c.passed() ? "PASS  " : "FAIL  ")
                + c.suite()
                + ": "
                + c.name()
                + (c.detail() == null ? "" : " (" + c.detail() + ")"));
      }
    }
    run.problems().forEach(p -> out.println("ERROR " + p));
    long failed = run.cases().stream().filter(c -> !c.passed()).count();
    out.printf(
        "%d cases: %d passed, %d failed, %d errors%n",
        run.cases().size(), run.cases().size() - failed, failed, run.problems().size());
    out.flush();
    if (junit != null) {
      try (Writer writer = Files.newBufferedWriter(junit, StandardCharsets.UTF_8)) {
        writer.write(junitXml(run));
      }
    }
    return !run.problems().isEmpty()
        ? Main.EXIT_ERROR
        : failed > 0 ? Main.EXIT_FINDINGS : Main.EXIT_OK;
  }

  static String junitXml(PolicyTest.Run run) {
    Map<String, List<PolicyTest.Case>> suites = new LinkedHashMap<>();
    run.cases()
        .forEach(c -> suites.computeIfAbsent(c.suite(), k -> new java.util.ArrayList<>()).add(c));
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    long failures = run.cases().stream().filter(c -> !c.passed()).count();
    xml.append("<testsuites name=\"kube4c test\" tests=\"")
        .append(run.cases().size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"")
        .append(run.problems().size())
        .append("\">\n");
    suites.forEach(
        (suite, cases) -> {
          xml.append("  <testsuite name=\"")
              .append(escape(suite))
              .append("\" tests=\"")
              .append(cases.size())
              .append("\" failures=\"")
              .append(cases.stream().filter(c -> !c.passed()).count())
              .append("\">\n");
          for (PolicyTest.Case c : cases) {
            xml.append("    <testcase classname=\"")
                .append(escape(suite))
                .append("\" name=\"")
                .append(escape(c.name()))
                .append('"');
            if (c.passed()) {
              xml.append("/>\n");
            } else {
              xml.append(">\n      <failure message=\"")
                  .append(escape(c.detail() == null ? "got " + c.actual() : c.detail()))
                  .append("\"/>\n    </testcase>\n");
            }
          }
          xml.append("  </testsuite>\n");
        });
    if (!run.problems().isEmpty()) {
      xml.append("  <testsuite name=\"errors\" tests=\"")
          .append(run.problems().size())
          .append("\" errors=\"")
          .append(run.problems().size())
          .append("\">\n");
      for (var p : run.problems()) {
        xml.append("    <testcase classname=\"errors\" name=\"")
            .append(escape(p.location().toString()))
            .append("\">\n      <error message=\"")
            .append(escape(p.message()))
            .append("\"/>\n    </testcase>\n");
      }
      xml.append("  </testsuite>\n");
    }
    return xml.append("</testsuites>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
