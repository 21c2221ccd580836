package dev.kube4c.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.findings.ScanResult;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JunitReporterTest {

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  @Test
  void oneSuitePerLayerAndOneCasePerRuleAndObject() throws Exception {
    ScanResult result = GoldenScan.result();
    Document doc = parse(GoldenScan.render(new JunitReporter(), result));
    NodeList suites = doc.getElementsByTagName("testsuite");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < suites.getLength(); i++) {
      names.add(((Element) suites.item(i)).getAttribute("name"));
    }
    assertThat(names).containsExactly("cloud", "cluster", "container", "code", "inputs");
    NodeList cases = doc.getElementsByTagName("testcase");
    long distinctRuleObjects =
        result.findings().stream()
            .map(
                f ->
                    f.ruleId()
                        + " "
                        + (f.resource() == null ? f.location().file() : f.resource().display()))
            .distinct()
            .count();
    assertThat(doc.getElementsByTagName("failure").getLength())
        .isEqualTo((int) distinctRuleObjects);
    assertThat(doc.getElementsByTagName("skipped").getLength())
        .isEqualTo(result.suppressed().size());
    assertThat(doc.getElementsByTagName("error").getLength()).isEqualTo(result.errors().size());
    int failures = 0;
    for (int i = 0; i < suites.getLength(); i++) {
      Element suite = (Element) suites.item(i);
      assertThat(suite.getElementsByTagName("testcase").getLength())
          .as(suite.getAttribute("name"))
          .isEqualTo(Integer.parseInt(suite.getAttribute("tests")));
      failures += Integer.parseInt(suite.getAttribute("failures"));
    }
    assertThat(failures).isEqualTo(distinctRuleObjects);
    assertThat(cases.getLength()).isGreaterThan(failures);
  }

  @Test
  void manifestTextRoundTripsThroughXmlEscaping() throws Exception {
    Document doc = parse(GoldenScan.render(new JunitReporter(), GoldenScan.result()));
    NodeList cases = doc.getElementsByTagName("testcase");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      names.add(((Element) cases.item(i)).getAttribute("name"));
    }
    assertThat(names)
        .contains("host-port Pod/tenant-<b>a</b>/x</script><img src=x onerror=alert(1)>");
  }

  @Test
  void charactersXmlForbidsAreReplaced() {
    assertThat(JunitReporter.clean("a\u0000b\u001bc\ud800d")).isEqualTo("a\ufffdb\ufffdc\ufffdd");
    assertThat(JunitReporter.clean("tab\tok \ud83d\ude00")).isEqualTo("tab\tok \ud83d\ude00");
  }
}
