package dev.kube4c.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.inventory.Resource;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.Location;
import dev.kube4c.source.SourceLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code kube4c test}: policy tests in the spirit of {@code kyverno test} and {@code gator verify}.
 * A test file ({@code kube4c-test.yaml}) names policy files, resource files (whose other objects
 * also serve as parameters) and the expected result of each policy, or one validation of it, on
 * each resource: {@code pass}, {@code fail} (optionally with a message it must contain) or {@code
 * skip} (the policy does not apply).
 */
public final class PolicyTest {

  public static final String FILE_NAME = "kube4c-test.yaml";

  private static final Set<String> KEYS =
      Set.of("name", "policies", "resources", "params", "results");
  private static final Set<String> RESULT_KEYS =
      Set.of("policy", "validation", "resources", "resource", "result", "message");

  private PolicyTest() {}

  /** One expectation checked: what was expected, what happened, and whether they agree. */
  public record Case(
      String suite,
      String policy,
      Integer validation,
      String resource,
      String expected,
      String actual,
      String detail) {

    public boolean passed() {
      return expected.equals(actual) && detail == null;
    }

    public String name() {
      return policy
          + (validation == null ? "" : "/" + validation)
          + " "
          + resource
          + " "
          + expected;
    }
  }

  /** Every case of every test file found, and the problems that kept some from running. */
  public record Run(List<Case> cases, List<InputProblem> problems) {
    public boolean passed() {
      return problems.isEmpty() && cases.stream().allMatch(Case::passed);
    }
  }

  /** Runs the test files at {@code path}: one file, or every kube4c-test.yaml below a folder. */
  public static Run run(Path path, InputStream stdin) {
    List<Case> cases = new ArrayList<>();
    List<InputProblem> problems = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        walk.filter(p -> p.getFileName().toString().equals(FILE_NAME)).sorted().forEach(files::add);
      } catch (IOException e) {
        problems.add(
            new InputProblem(Location.of(path.toString()), "cannot read: " + e.getMessage()));
      }
      if (files.isEmpty() && problems.isEmpty()) {
        problems.add(new InputProblem(Location.of(path.toString()), "no " + FILE_NAME + " found"));
      }
    } else if (Files.isRegularFile(path)) {
      files.add(path);
    } else {
      problems.add(new InputProblem(Location.of(path.toString()), "does not exist"));
    }
    for (Path file : files) {
      runFile(file, stdin, cases, problems);
    }
    return new Run(List.copyOf(cases), List.copyOf(problems));
  }

  private static void runFile(
      Path file, InputStream stdin, List<Case> cases, List<InputProblem> problems) {
    JsonNode test;
    try {
      test = new YAMLMapper().readTree(file.toFile());
    } catch (IOException e) {
      problems.add(
          new InputProblem(
              Location.of(file.toString()), "invalid test file: " + firstLine(e.getMessage())));
      return;
    }
    if (test == null || !test.isObject()) {
      problems.add(
          new InputProblem(
              Location.of(file.toString()),
              "a test file is a mapping with policies, resources and results"));
      return;
    }
    int before = problems.size();
    checkKeys(file, test, KEYS, "", problems);
    test.path("results").forEach(r -> checkKeys(file, r, RESULT_KEYS, "results[]: ", problems));
    if (problems.size() > before) {
      return;
    }
    Path dir = file.toAbsolutePath().getParent();
    String suite = test.path("name").asText(dir.getFileName().toString());
    List<Resource> policyObjects = read(dir, test.path("policies"), stdin, problems);
    List<Resource> resources = read(dir, test.path("resources"), stdin, problems);
    List<Resource> params = read(dir, test.path("params"), stdin, problems);
    List<Resource> all = new ArrayList<>(policyObjects);
    all.addAll(params);
    PolicySet set = PolicySet.of(all, problems);
    List<Resource> scanned = new ArrayList<>(resources);
    scanned.addAll(params);
    Inventory inventory = Inventory.ofResources(scanned, List.of());
    for (JsonNode expectation : test.path("results")) {
      String policy = expectation.path("policy").asText();
      Integer validation =
          expectation.has("validation") ? expectation.get("validation").asInt() : null;
      String expected = expectation.path("result").asText();
      if (!Set.of("pass", "fail", "skip").contains(expected)) {
        problems.add(
            new InputProblem(
                Location.of(file.toString()),
                "results[]: result must be pass, fail or skip, not '" + expected + "'"));
        continue;
      }
      List<String> names = new ArrayList<>();
      expectation.path("resources").forEach(n -> names.add(n.asText()));
      if (expectation.has("resource")) {
        names.add(expectation.get("resource").asText());
      }
      PolicySet.Bound bound = set.bound(policy);
      for (String name : names) {
        Resource object =
            resources.stream()
                .filter(r -> r.qualifiedName().equals(name) || r.display().equals(name))
                .findFirst()
                .orElse(null);
        if (bound == null || object == null) {
          cases.add(
              new Case(
                  suite,
                  policy,
                  validation,
                  name,
                  expected,
                  "error",
                  bound == null
                      ? "no policy " + policy + " was loaded"
                      : "no resource " + name + " in the resource files"));
          continue;
        }
        cases.add(
            judge(
                suite,
                set,
                bound,
                validation,
                object,
                inventory,
                expected,
                expectation.path("message").asText(null)));
      }
    }
  }

  private static Case judge(
      String suite,
      PolicySet set,
      PolicySet.Bound bound,
      Integer validation,
      Resource object,
      Inventory inventory,
      String expected,
      String message) {
    boolean matched = false;
    List<String> failures = new ArrayList<>();
    for (PolicyEvaluator.Outcome outcome : set.evaluate(bound, object, inventory, null)) {
      matched |= outcome.matched();
      for (Verdict v : outcome.verdicts()) {
        if (!v.passed()
            && (validation == null || v.validation() == validation || v.validation() < 0)) {
          failures.add(v.message());
        }
      }
    }
    String actual = !matched ? "skip" : failures.isEmpty() ? "pass" : "fail";
    String detail = null;
    if (!actual.equals(expected)) {
      detail = failures.isEmpty() ? "got " + actual : "got fail: " + String.join("; ", failures);
    } else if (message != null && failures.stream().noneMatch(f -> f.contains(message))) {
      detail = "message '" + message + "' not found in: " + String.join("; ", failures);
    }
    return new Case(
        suite,
        bound.policy().policy().name(),
        validation,
        object.display(),
        expected,
        actual,
        detail);
  }

  private static List<Resource> read(
      Path dir, JsonNode names, InputStream stdin, List<InputProblem> problems) {
    List<String> paths = new ArrayList<>();
    names.forEach(n -> paths.add(dir.resolve(n.asText()).normalize().toString()));
    if (paths.isEmpty()) {
      return List.of();
    }
    SourceLoader.Loaded loaded = new SourceLoader(stdin).load(paths);
    problems.addAll(loaded.problems());
    return Inventory.of(loaded.documents(), List.of()).resources();
  }

  private static void checkKeys(
      Path file, JsonNode node, Set<String> known, String prefix, List<InputProblem> problems) {
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!known.contains(key)) {
                problems.add(
                    new InputProblem(
                        Location.of(file.toString()),
                        prefix
                            + "unknown key '"
                            + key
                            + "' (known: "
                            + new java.util.TreeSet<>(known)
                            + ")"));
              }
            });
  }

  private static String firstLine(String message) {
    int newline = message == null ? -1 : message.indexOf('\n');
    return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
  }
}
