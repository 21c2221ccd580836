package dev.kube4c.render;

import dev.kube4c.engine.Scanner;
import dev.kube4c.findings.Finding;
import dev.kube4c.findings.ScanResult;
import dev.kube4c.findings.Suppressed;
import dev.kube4c.source.Location;
import dev.kube4c.source.Renderer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points findings on rendered objects at the line of their template (or kustomize resource) that
 * writes the field the message names, and adds where the value came from (values file and key, or
 * --set). Findings keep the object's template line when the field cannot be found.
 */
public final class Provenance {

  // The field path a rule message names: a top-level object key, then keys and [index] parts.
  private static final Pattern FIELD =
      Pattern.compile(
          "\\b((?:spec|metadata|data|stringData|rules|subjects|roleRef|webhooks|automountServiceAccountToken|imagePullSecrets)(?:\\[\\d+\\])?(?:\\.[A-Za-z0-9_/-]+(?:\\[\\d+\\])?)*)");

  private Provenance() {}

  /** The result with findings on rendered objects moved to their fields' template lines. */
  public static ScanResult refine(ScanResult result, Map<Location, Renderer.FieldLocator> origins) {
    if (origins.isEmpty()) {
      return result;
    }
    List<Finding> findings = new ArrayList<>();
    for (Finding finding : result.findings()) {
      findings.add(refine(finding, origins));
    }
    findings.sort(Scanner.ORDER);
    List<Suppressed> suppressed = new ArrayList<>();
    for (Suppressed s : result.suppressed()) {
      suppressed.add(new Suppressed(refine(s.finding(), origins), s.exemption()));
    }
    suppressed.sort(Comparator.comparing(Suppressed::finding, Scanner.ORDER));
    return new ScanResult(
        result.toolVersion(),
        result.scannedAt(),
        result.inputs(),
        result.resources(),
        result.rulesEvaluated(),
        List.copyOf(findings),
        List.copyOf(suppressed),
        result.errors(),
        result.scores(),
        result.notes(),
        result.rules());
  }

  static Finding refine(Finding finding, Map<Location, Renderer.FieldLocator> origins) {
    Renderer.FieldLocator fields =
        finding.location() == null ? null : origins.get(finding.location());
    if (fields == null) {
      return finding;
    }
    Matcher field = FIELD.matcher(finding.message());
    if (!field.find()) {
      return finding;
    }
    Optional<Renderer.FieldOrigin> origin;
    try {
      origin = fields.locate(field.group(1));
    } catch (RuntimeException e) {
      // Field lines come from reading template text by indentation; a template shape that this
      // reading does not foresee keeps the finding where its object starts, never ends the scan.
      return finding;
    }
    if (origin.isEmpty()) {
      return finding;
    }
    String message =
        origin.get().valuesOrigin() == null
            ? finding.message()
            : finding.message() + " (value from " + origin.get().valuesOrigin() + ")";
    return new Finding(
        finding.ruleId(),
        finding.title(),
        finding.area(),
        finding.severity(),
        message,
        finding.resource(),
        origin.get().location(),
        finding.remediation(),
        finding.frameworks(),
        finding.about());
  }
}
