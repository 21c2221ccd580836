package dev.kube4c.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Table tests of each ecosystem's ordering. The tables (src/test/resources/vuln/versions) hold
 * chains {@code a < b < c} (every version older than all to its right), equalities {@code a == b}
 * and non-versions {@code ! x}; bench/vulns/check-version-tables.py checks the Debian, RPM and PyPI
 * tables against dpkg, rpm and Python's packaging.
 */
class VersionSchemeTest {

  private record Pair(String older, String newer, boolean equal) {}

  @TestFactory
  Stream<DynamicTest> tables() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (var table :
        List.of(
            new Object[] {"debian", VersionScheme.DEBIAN},
            new Object[] {"alpine", VersionScheme.ALPINE},
            new Object[] {"rpm", VersionScheme.RPM},
            new Object[] {"npm", VersionScheme.SEMVER},
            new Object[] {"go", VersionScheme.GO},
            new Object[] {"maven", VersionScheme.MAVEN},
            new Object[] {"pypi", VersionScheme.PEP440})) {
      String name = (String) table[0];
      VersionScheme scheme = (VersionScheme) table[1];
      List<String> lines = lines(name);
      List<Pair> pairs = pairs(lines);
      assertThat(pairs).as("pairs in %s.txt", name).hasSizeGreaterThan(60);
      tests.add(dynamicTest(name + ": " + pairs.size() + " pairs", () -> check(scheme, pairs)));
      tests.add(
          dynamicTest(
              name + ": versions that are not",
              () ->
                  lines.stream()
                      .filter(l -> l.startsWith("!"))
                      .map(l -> l.substring(1).strip())
                      .forEach(
                          bad ->
                              assertThat(scheme.accepts(bad))
                                  .as("%s accepts '%s'", name, bad)
                                  .isFalse())));
    }
    return tests.stream();
  }

  private static void check(VersionScheme scheme, List<Pair> pairs) {
    List<String> wrong = new ArrayList<>();
    for (Pair p : pairs) {
      int want = p.equal ? 0 : -1;
      int forward = scheme.compare(p.older, p.newer);
      int backward = scheme.compare(p.newer, p.older);
      if (forward != want || backward != -want) {
        wrong.add(p.older + (p.equal ? " == " : " < ") + p.newer + " (got " + forward + ")");
      }
    }
    assertThat(wrong).as("pairs ordered wrongly by %s", scheme).isEmpty();
  }

  @Test
  void totalPairsAreInTheHundreds() throws IOException {
    int total = 0;
    for (String name : List.of("debian", "alpine", "rpm", "npm", "go", "maven", "pypi")) {
      total += pairs(lines(name)).size();
    }
    assertThat(total).isGreaterThan(900);
  }

  @Test
  void badVersionsNameThemselves() {
    assertThatThrownBy(() -> VersionScheme.DEBIAN.compare("1.0", "x:1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x:1");
    assertThatThrownBy(() -> VersionScheme.ALPINE.compare("1.0-foo", "1.0"))
        .hasMessageContaining("1.0-foo");
    assertThatThrownBy(() -> VersionScheme.PEP440.compare("1.0", "one"))
        .hasMessageContaining("one");
  }

  @Test
  void ecosystemsMapToTheirSchemes() {
    assertThat(VersionScheme.forEcosystem("Debian:12")).contains(VersionScheme.DEBIAN);
    assertThat(VersionScheme.forEcosystem("Alpine:v3.20")).contains(VersionScheme.ALPINE);
    assertThat(VersionScheme.forEcosystem("Red Hat:enterprise_linux:9::baseos"))
        .contains(VersionScheme.RPM);
    assertThat(VersionScheme.forEcosystem("Go")).contains(VersionScheme.GO);
    assertThat(VersionScheme.forEcosystem("PyPI")).contains(VersionScheme.PEP440);
    assertThat(VersionScheme.forEcosystem("GIT")).isEmpty();
  }

  private static List<String> lines(String name) throws IOException {
    try (InputStream in =
        VersionSchemeTest.class.getResourceAsStream("/vuln/versions/" + name + ".txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    }
  }

  private static List<Pair> pairs(List<String> lines) {
    List<Pair> pairs = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("!")) {
        continue;
      }
      boolean equal = line.contains("==");
      List<String> versions = Stream.of(line.split(equal ? "==" : "<")).map(String::strip).toList();
      for (int i = 0; i < versions.size(); i++) {
        for (int j = i + 1; j < versions.size(); j++) {
          pairs.add(new Pair(versions.get(i), versions.get(j), equal));
        }
      }
    }
    return pairs;
  }
}
