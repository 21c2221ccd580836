package dev.kube4c.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.findings.Suppressed;
import dev.kube4c.inventory.ResourceRef;
import dev.kube4c.rules.Frameworks;
import dev.kube4c.rules.RuleMetadata;
import dev.kube4c.rules.Severity;
import dev.kube4c.source.InputProblem;
import dev.kube4c.source.Location;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SARIF 2.1.0 for code-scanning tools (GitHub, Azure DevOps, IDEs): one {@code rule} per rule id
 * with help text and tags (layer, area, framework ids), one {@code result} per finding with a
 * physical location when the object came from a file, and suppressed findings as results with a
 * suppression.
 */
public final class SarifReporter implements Reporter {

  static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public String format() {
    return "sarif";
  }

  @Override
  public void write(ScanResult result, ReportOptions options, Writer out) throws IOException {
    MAPPER.writeValue(
        new JsonReporter.NonClosing(out), toSarif(result, Path.of("").toAbsolutePath()));
    out.write('\n');
  }

  @Override
  public void write(ScanResult result, ReportOptions options, OutputStream out) throws IOException {
    JsonReporter.writeUtf8(
        MAPPER,
        out,
        generator -> {
          generator.setPrettyPrinter(new PreEncodedPrettyPrinter());
          MAPPER.writeValue(generator, toSarif(result, Path.of("").toAbsolutePath()));
        });
  }

  /**
   * The SARIF log; file paths under {@code base} become URIs relative to it (GitHub wants
   * repository-relative URIs).
   */
  static ObjectNode toSarif(ScanResult result, Path base) {
    ObjectNode log = MAPPER.createObjectNode();
    log.put("$schema", SCHEMA).put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "kube4c").put("version", result.toolVersion());
    List<RuleMetadata> rules = ReportRules.of(result);
    Map<String, Integer> ruleIndex = new HashMap<>();
    ArrayNode ruleArray = driver.putArray("rules");
    for (RuleMetadata rule : rules) {
      ruleIndex.put(rule.id(), ruleIndex.size());
      ruleArray.add(rule(rule));
    }
    ArrayNode results = run.putArray("results");
    for (Finding finding : result.findings()) {
      results.add(result(finding, ruleIndex.get(finding.ruleId()), base));
    }
    for (Suppressed suppressed : result.suppressed()) {
      ObjectNode node =
          result(suppressed.finding(), ruleIndex.get(suppressed.finding().ruleId()), base);
      ObjectNode suppression = node.putArray("suppressions").addObject();
      suppression
          .put(
              "kind",
              suppressed.exemption().source().equals("annotation") ? "inSource" : "external")
          .put("status", "accepted");
      String reason = suppressed.exemption().reason();
      if (reason != null && !reason.isBlank()) {
        suppression.put(
            "justification",
            reason
                + (suppressed.exemption().expires() == null
                    ? ""
                    : " (until " + suppressed.exemption().expires() + ")"));
      }
      results.add(node);
    }
    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", result.errors().isEmpty());
    invocation.put(
        "endTimeUtc",
        DateTimeFormatter.ISO_INSTANT.format(result.scannedAt().truncatedTo(ChronoUnit.SECONDS)));
    if (!result.errors().isEmpty()) {
      ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
      for (InputProblem problem : result.errors()) {
        ObjectNode notification = notifications.addObject();
        notification.put("level", "error");
        notification.putObject("message").put("text", problem.message());
        physicalLocation(problem.location(), base)
            .ifPresent(
                p -> notification.putArray("locations").addObject().set("physicalLocation", p));
      }
    }
    run.put("columnKind", "unicodeCodePoints");
    return log;
  }

  private static ObjectNode rule(RuleMetadata rule) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", rule.id());
    node.putObject("shortDescription").put("text", rule.title());
    node.putObject("fullDescription").put("text", rule.rationale());
    rule.references().stream()
        .filter(SarifReporter::isAbsoluteUri)
        .findFirst()
        .ifPresent(uri -> node.put("helpUri", uri));
    StringBuilder markdown = new StringBuilder();
    markdown
        .append("**")
        .append(rule.title())
        .append("** (")
        .append(rule.layer().id())
        .append(" / ")
        .append(rule.area().id())
        .append(")\n\n");
    markdown.append(rule.rationale()).append("\n\n**Remediation:** ").append(rule.remediation());
    if (!rule.references().isEmpty()) {
      markdown.append("\n\n**References:**");
      rule.references().forEach(r -> markdown.append("\n- ").append(r));
    }
    node.putObject("help").put("text", rule.remediation()).put("markdown", markdown.toString());
    node.putObject("defaultConfiguration").put("level", level(rule.severity()));
    ObjectNode properties = node.putObject("properties");
    ArrayNode tags = properties.putArray("tags");
    tags(rule).forEach(tags::add);
    properties.put("security-severity", securitySeverity(rule.severity()));
    properties.put("problem.severity", problemSeverity(rule.severity()));
    properties.put("precision", "high");
    properties.put("kube4c-severity", rule.severity().id());
    return node;
  }

  /**
   * "security" (GitHub files such rules as security alerts), the layer and area, then framework
   * ids.
   */
  static List<String> tags(RuleMetadata rule) {
    List<String> tags = new ArrayList<>();
    tags.add("security");
    tags.add("layer:" + rule.layer().id());
    tags.add("area:" + rule.area().id());
    Frameworks f = rule.frameworks();
    f.cis().forEach(id -> tags.add("cis:" + id));
    f.nsa().forEach(id -> tags.add("nsa:" + id));
    f.mitre().forEach(id -> tags.add("mitre:" + id));
    if (f.pss() != null) {
      tags.add("pss:" + f.pss());
    }
    if (f.cks() != null) {
      tags.add("cks:" + f.cks());
    }
    return tags;
  }

  private static ObjectNode result(Finding finding, Integer index, Path base) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("ruleId", finding.ruleId());
    if (index != null) {
      node.put("ruleIndex", index);
    }
    node.put("level", level(finding.severity()));
    String where =
        finding.resource() == null ? "" : " (" + ReportRules.resourceLabel(finding) + ")";
    node.putObject("message").put("text", finding.message() + where);
    ObjectNode location = MAPPER.createObjectNode();
    Optional<ObjectNode> physical =
        finding.location() == null ? Optional.empty() : physicalLocation(finding.location(), base);
    physical.ifPresent(p -> location.set("physicalLocation", p));
    ResourceRef ref = finding.resource();
    if (ref != null) {
      ObjectNode logical = location.putArray("logicalLocations").addObject();
      logical.put("name", ref.container() != null ? ref.container() : ref.name());
      logical.put(
          "fullyQualifiedName",
          ref.display() + (ref.container() == null ? "" : "/" + ref.container()));
      logical.put("kind", ref.container() != null ? "container" : "resource");
    }
    if (!location.isEmpty()) {
      node.putArray("locations").add(location);
    }
    node.putObject("partialFingerprints").put("kube4cFinding/v1", fingerprint(finding));
    ObjectNode properties = node.putObject("properties");
    properties
        .put("severity", finding.severity().id())
        .put("security-severity", securitySeverity(finding.severity()));
    properties.put("layer", finding.layer().id()).put("area", finding.area().id());
    return node;
  }

  private static Optional<ObjectNode> physicalLocation(Location location, Path base) {
    Optional<String> uri = artifactUri(location.file(), base);
    if (uri.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode physical = MAPPER.createObjectNode();
    ObjectNode artifact = physical.putObject("artifactLocation").put("uri", uri.get());
    if (!uri.get().startsWith("file:")) {
      artifact.put("uriBaseId", "%SRCROOT%");
    }
    if (location.line() > 0) {
      ObjectNode region = physical.putObject("region").put("startLine", location.line());
      if (location.column() > 0) {
        region.put("startColumn", location.column());
      }
    }
    return Optional.of(physical);
  }

  /**
   * A relative URI (forward slashes, percent-encoded) for a file under {@code base}, an absolute
   * file URI for one elsewhere, and nothing for standard input or names that are not files (e.g.
   * "(rule x)").
   */
  static Optional<String> artifactUri(String file, Path base) {
    if (file == null || file.isEmpty() || file.equals("-") || file.startsWith("(")) {
      return Optional.empty();
    }
    try {
      Path path = Path.of(file).normalize();
      Path absolute = path.isAbsolute() ? path : base.resolve(path).normalize();
      if (absolute.startsWith(base)) {
        String relative = base.relativize(absolute).toString().replace('\\', '/');
        return Optional.of(new URI(null, null, relative, null).toASCIIString());
      }
      return Optional.of(absolute.toUri().toASCIIString());
    } catch (InvalidPathException | URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static boolean isAbsoluteUri(String text) {
    try {
      return new URI(text).isAbsolute();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** SARIF levels: critical and high fail a build (error), medium warns, low and info are notes. */
  static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  /**
   * GitHub code scanning's CVSS-like bands: critical over 9.0, high 7.0–8.9, medium 4.0–6.9, low
   * 0.1–3.9.
   */
  static String securitySeverity(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
      case INFO -> "0.0";
    };
  }

  private static String problemSeverity(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "recommendation";
    };
  }

  /** Stable across runs and line moves: rule, object and container, hashed. */
  private static String fingerprint(Finding finding) {
    ResourceRef ref = finding.resource();
    String key =
        finding.ruleId()
            + "|"
            + (ref == null ? finding.message() : ref.display() + "|" + ref.container());
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16).toLowerCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
