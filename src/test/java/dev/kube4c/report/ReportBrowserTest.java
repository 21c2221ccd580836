package dev.kube4c.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kube4c.config.Config;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.rules.Area;
import dev.kube4c.testing.Chromium;
import dev.kube4c.testing.Fixtures;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The HTML report in real headless Chromium: clicking an area node lists that area's findings,
 * manifest text renders as text, the console stays free of errors, and a 10k-object report opens
 * fast. Screenshots and timings are written to target/browser/ as artefacts.
 */
class ReportBrowserTest {

  private static final Path OUT = Path.of("target/browser");

  @Test
  void clickingAnAreaListsItsFindings() throws IOException {
    ScanResult result = GoldenScan.result();
    Path html = write(result, OUT.resolve("report.html"));
    try (Chromium browser = Chromium.start(1600, 1000)) {
      browser.open(html.toUri().toString());
      assertThat(
              browser.script("return document.documentElement.getAttribute('data-ready')").asText())
          .as("page script finished")
          .isNotEmpty();

      browser.click("g.area[data-area='least-privilege']");
      List<String> expected = new ArrayList<>();
      for (Finding f : result.findings()) {
        if (f.area() == Area.LEAST_PRIVILEGE) {
          expected.add(f.ruleId() + " " + ReportRules.resourceLabel(f));
        }
      }
      JsonNode rows =
          browser.script(
              "return Array.from(document.querySelectorAll('#findings .row')).map(r => "
                  + "r.querySelector('.l1').childNodes[1].textContent.replace(/\\s*·\\s*$/, '') + ' ' + r.querySelector('.res').textContent)");
      List<String> shown = new ArrayList<>();
      rows.forEach(r -> shown.add(r.asText()));
      assertThat(expected).isNotEmpty();
      assertThat(shown).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(
              browser
                  .script("return document.querySelector('#panel h2 span').textContent")
                  .asText())
          .isEqualTo("container / least-privilege");
      assertThat(browser.script("return document.getElementById('pcount').textContent").asText())
          .startsWith(expected.size() + " findings");

      // Filters narrow the panel: without critical findings, then only namespace shop.
      long critical =
          result.findings().stream()
              .filter(
                  f ->
                      f.area() == Area.LEAST_PRIVILEGE
                          && f.severity() == dev.kube4c.rules.Severity.CRITICAL)
              .count();
      long inShop =
          result.findings().stream()
              .filter(
                  f -> f.area() == Area.LEAST_PRIVILEGE && "shop".equals(f.resource().namespace()))
              .count();
      assertThat(critical).isPositive();
      browser.click("input[data-sev='critical']");
      assertThat(
              browser.script("return document.querySelectorAll('#findings .row').length").asLong())
          .isEqualTo(expected.size() - critical);
      browser.click("input[data-sev='critical']");
      browser.script(
          "const s = document.getElementById('filter-namespace');"
              + "s.value = Array.from(s.options).find(o => o.text === 'shop').value; s.dispatchEvent(new Event('change'));");
      assertThat(
              browser.script("return document.querySelectorAll('#findings .row').length").asLong())
          .isEqualTo(inShop)
          .isLessThan(expected.size());
      browser.script(
          "const s = document.getElementById('filter-namespace'); s.value = '-1'; s.dispatchEvent(new Event('change'));");
      assertThat(
              browser.script("return document.querySelectorAll('#findings .row').length").asInt())
          .isEqualTo(expected.size());

      // Hostile manifest text is shown literally and creates no elements.
      assertThat(shown)
          .anyMatch(
              s ->
                  s.contains(
                      "Pod/tenant-<b>a</b>/x</script><img src=x onerror=alert(1)> [c|`*<!--&amp;]"));
      assertThat(
              browser
                  .script("return document.querySelectorAll('img, #panel b, #panel svg').length")
                  .asInt())
          .isZero();

      // A finding's details carry its remediation.
      browser.click("#findings .row");
      String detail =
          browser.script("return document.getElementById('detail').textContent").asText();
      Finding first =
          result.findings().stream()
              .filter(f -> f.area() == Area.LEAST_PRIVILEGE)
              .findFirst()
              .orElseThrow();
      assertThat(detail).contains(first.remediation()).contains(first.message());

      // "All findings" lists every finding of the scan.
      browser.click("#all-findings");
      assertThat(browser.script("return document.getElementById('pcount').textContent").asText())
          .startsWith(result.findings().size() + " findings");

      // The other views render too.
      for (String tab : List.of("summary", "cks", "frameworks", "map")) {
        browser.click(".tabs button[data-tab='" + tab + "']");
      }
      assertThat(
              browser
                  .script("return document.querySelectorAll('#view-cks .card[data-cks]').length")
                  .asInt())
          .isEqualTo(6);
      assertThat(
              browser
                  .script(
                      "return document.querySelector('#view-frameworks [data-framework=cis] td').textContent")
                  .asText())
          .isNotEmpty();
      browser.click("g.area[data-area='least-privilege']");
      browser.click("#findings .row");
      browser.screenshot(OUT.resolve("report-least-privilege.png"));

      List<String> log = browser.consoleLog();
      assertThat(log)
          .as("browser console")
          .noneMatch(line -> line.startsWith("SEVERE") || line.startsWith("WARNING"));
      // Guards the assertion above: a console error must show up in the log we read.
      browser.script("console.error('kube4c-probe')");
      assertThat(browser.consoleLog())
          .anyMatch(line -> line.startsWith("SEVERE") && line.contains("kube4c-probe"));
    }
  }

  @Test
  void theCatalogueMapShowsRulesPerAreaWithoutAScan() throws IOException {
    Path html = OUT.resolve("map.html").toAbsolutePath();
    Files.createDirectories(OUT);
    List<dev.kube4c.rules.RuleMetadata> rules =
        dev.kube4c.rules.RuleCatalogue.builtIn().all().stream()
            .map(dev.kube4c.rules.Rule::metadata)
            .toList();
    try (Writer out = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
      HtmlReporter.catalogue(rules, "0.0.0-test", out);
    }
    try (Chromium browser = Chromium.start(1600, 1000)) {
      browser.open(html.toUri().toString());
      assertThat(browser.script("return document.querySelectorAll('g.area').length").asInt())
          .isEqualTo(Area.values().length);
      browser.click("g.area[data-area='least-privilege']");
      String panel = browser.script("return document.getElementById('panel').textContent").asText();
      assertThat(panel).contains("container-privileged", "securityContext, Pod Security Standards");
      browser.screenshot(OUT.resolve("map-catalogue.png"));
      assertThat(browser.consoleLog())
          .noneMatch(line -> line.startsWith("SEVERE") || line.startsWith("WARNING"));
    }
  }

  /**
   * The Mermaid map is checked by Mermaid itself (the webjar's mermaid.min.js) and rendered to a
   * screenshot.
   */
  @Test
  void mermaidParsesAndRendersTheMap() throws IOException {
    Path dir = OUT.resolve("mermaid");
    Files.createDirectories(dir);
    try (var js =
        getClass()
            .getResourceAsStream(
                "/META-INF/resources/webjars/mermaid/11.14.0/dist/mermaid.min.js")) {
      Assumptions.assumeTrue(
          js != null, "skipped: the mermaid webjar is not on the test classpath");
      Files.write(dir.resolve("mermaid.min.js"), js.readAllBytes());
    }
    Files.writeString(
        dir.resolve("index.html"),
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script src=\"mermaid.min.js\"></script></head><body><div id=\"out\"></div></body></html>");
    String text = ReportGoldenTest.map(GoldenScan.result(), "mermaid");
    try (Chromium browser = Chromium.start(1600, 1000)) {
      browser.open(dir.resolve("index.html").toAbsolutePath().toUri().toString());
      String check =
          "mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});"
              + "return mermaid.parse(arguments[0]).then(r => 'ok ' + r.diagramType, e => 'error ' + e.message)";
      assertThat(browser.script(check, text).asText()).isEqualTo("ok mindmap");
      // Guards the check above: Mermaid must reject a broken map.
      assertThat(browser.script(check, "mindmap\n  root((4C)\n    a[b\n").asText())
          .startsWith("error");
      String rendered =
          browser
              .script(
                  "return mermaid.render('kube4c-map', arguments[0]).then(r => { document.getElementById('out').innerHTML = r.svg; "
                      + "return document.querySelectorAll('#out svg .mindmap-node').length; })",
                  text)
              .asText();
      browser.screenshot(OUT.resolve("map-mermaid.png"));
      assertThat(Integer.parseInt(rendered))
          .as("rendered mindmap nodes")
          .isGreaterThan(Area.values().length);
    }
  }

  /** Acceptance: the report of a 10k-object scan is under 10 MB and opens in under 2 s. */
  @Test
  void aTenThousandObjectReportOpensFast() throws Exception {
    Path corpus = tenThousandObjects();
    long scanStart = System.nanoTime();
    ScanResult result = Fixtures.scan(List.of(corpus.toString()), Config.DEFAULT);
    long scanMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - scanStart);
    Path html = write(result, OUT.resolve("report-10k.html"));
    long bytes = Files.size(html);
    assertThat(result.resources()).isGreaterThanOrEqualTo(10_000);
    assertThat(bytes).as("report size").isLessThan(10L * 1024 * 1024);
    try (Chromium browser = Chromium.start(1600, 1000)) {
      long start = System.nanoTime();
      browser.open(html.toUri().toString());
      long openMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      JsonNode timing =
          browser.script(
              "const n = performance.getEntriesByType('navigation')[0];"
                  + "const p = performance.getEntriesByName('first-contentful-paint')[0];"
                  + "return [Math.round(n.domContentLoadedEventEnd), Math.round(n.loadEventEnd), Number(document.documentElement.getAttribute('data-ready')),"
                  + " p ? Math.round(p.startTime) : -1]");
      long loadMs = timing.get(1).asLong();
      long readyMs = timing.get(2).asLong();
      long paintMs = timing.get(3).asLong();
      JsonNode click =
          browser.script(
              "const t = performance.now();"
                  + "document.querySelector(\"g.area[data-area='qos']\").dispatchEvent(new MouseEvent('click', {bubbles: true}));"
                  + "return [performance.now() - t, document.querySelectorAll('#findings .row').length, document.getElementById('pcount').textContent]");
      browser.script("document.getElementById('findings').scrollTop = 1e9;");
      browser.script("return new Promise(r => requestAnimationFrame(() => r(1)))");
      browser.screenshot(OUT.resolve("report-10k.png"));
      for (String tab : List.of("summary", "cks", "frameworks")) {
        browser.click(".tabs button[data-tab='" + tab + "']");
        browser.screenshot(OUT.resolve("report-10k-" + tab + ".png"));
      }
      String report =
          String.format(
              "10k-object HTML report: %d resources, %d findings, %.2f MB; scan %d ms; in Chromium: WebDriver open %d ms, "
                  + "DOMContentLoaded %d ms, load %d ms, first render done %d ms, first contentful paint %d ms; "
                  + "opening an area with %s took %.0f ms with %d rows in the DOM%n",
              result.resources(),
              result.findings().size(),
              bytes / 1048576.0,
              scanMs,
              openMs,
              timing.get(0).asLong(),
              loadMs,
              readyMs,
              paintMs,
              click.get(2).asText(),
              click.get(0).asDouble(),
              click.get(1).asInt());
      Files.writeString(OUT.resolve("measurements.txt"), report);
      System.out.print(report);
      assertThat(Math.max(Math.max(loadMs, readyMs), paintMs))
          .as("time to a rendered report, ms")
          .isLessThan(2000);
      assertThat(click.get(1).asInt()).as("virtualised rows").isLessThan(60);
      assertThat(browser.consoleLog()).noneMatch(line -> line.startsWith("SEVERE"));
    }
  }

  private static Path write(ScanResult result, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      new HtmlReporter().write(result, ReportOptions.PLAIN, out);
    }
    return file.toAbsolutePath();
  }

  /** Grows (once, cached in target/) a 10k-object corpus with ../shared/bench/grow-corpus.py. */
  private static Path tenThousandObjects() throws Exception {
    Path script = Fixtures.shared("bench/grow-corpus.py");
    Path corpus = Fixtures.shared("corpus");
    Path out = Path.of("target/c10k");
    if (Files.isDirectory(out)) {
      return out;
    }
    Process python;
    try {
      python =
          new ProcessBuilder(
                  "python3",
                  script.toString(),
                  "--objects",
                  "10000",
                  "--out",
                  out.toString(),
                  corpus.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      Assumptions.abort("skipped: python3 is needed to grow the 10k corpus");
      throw e;
    }
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor()).as(output).isZero();
    return out;
  }
}
