package dev.kube4c.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kube4c.findings.ScanResult;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReporterTest {

  private static final Pattern DATA =
      Pattern.compile(
          "<script type=\"application/json\" id=\"kube4c-data\">(.*?)</script>", Pattern.DOTALL);

  private static JsonNode data(String html) throws Exception {
    Matcher m = DATA.matcher(html);
    assertThat(m.find()).isTrue();
    return new ObjectMapper().readTree(m.group(1));
  }

  @Test
  void manifestTextCannotBreakOutOfTheDataBlock() throws Exception {
    String html = GoldenScan.render(new HtmlReporter(), GoldenScan.result());
    // Exactly the two script elements of the template; the hostile names stay escaped inside the
    // JSON.
    assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(2);
    assertThat(html).doesNotContain("<img src=x", "<svg onload", "<b>a</b>");
    assertThat(html).contains("x\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e");
    JsonNode data = data(html);
    assertThat(data.get("res").toString())
        .contains("Pod/tenant-<b>a</b>/x</script><img src=x onerror=alert(1)>");
  }

  @Test
  void embedsEveryFindingCompactlyWithItsRuleAndArea() throws Exception {
    ScanResult result = GoldenScan.result();
    JsonNode data = data(GoldenScan.render(new HtmlReporter(), result));
    assertThat(data.get("findings")).hasSize(result.findings().size());
    assertThat(data.get("areas")).hasSize(dev.kube4c.rules.Area.values().length);
    JsonNode first = data.get("findings").get(0);
    JsonNode rule = data.get("rules").get(first.get(0).asInt());
    assertThat(rule.get("id").asText()).isEqualTo(result.findings().get(0).ruleId());
    assertThat(data.get("areas").get(rule.get("area").asInt()).get("id").asText())
        .isEqualTo("least-privilege");
    assertThat(data.get("msgs").get(first.get(8).asInt()).asText())
        .isEqualTo(result.findings().get(0).message());
    assertThat(data.get("errors")).hasSize(1);
  }

  @Test
  void isSelfContainedUnderAStrictContentSecurityPolicy() {
    String html = GoldenScan.render(new HtmlReporter(), GoldenScan.result());
    assertThat(html).contains("default-src 'none'; script-src 'sha256-");
    // No external resources: nothing is loaded by src or stylesheet links.
    assertThat(html)
        .doesNotContainPattern("(src|href)=\"(https?:)?//")
        .doesNotContain("<link", "@import", "url(http");
  }

  @Test
  void catalogueModeDrawsTheMapWithoutFindings() throws Exception {
    StringWriter out = new StringWriter();
    HtmlReporter.catalogue(List.of(), "0.0.0-test", out);
    JsonNode data = data(out.toString());
    assertThat(data.get("scanned").asBoolean()).isFalse();
    assertThat(data.get("findings")).isEmpty();
    assertThat(data.get("layers")).hasSize(4);
  }
}
