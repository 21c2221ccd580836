package dev.kube4c.findings;

import dev.kube4c.rules.Area;
import dev.kube4c.rules.Layer;
import dev.kube4c.rules.Severity;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * Findings by severity and a 0–100 score per layer and per area. A score starts at 100 and falls
 * with the weighted findings per scanned object: {@code 100 / (1 + penalty / objects)}, weights
 * critical 10, high 5, medium 2, low 1, info 0. So one critical finding in a 10-object scan gives
 * 50.
 */
public record Scores(
    Map<Severity, Integer> total,
    Map<Layer, Integer> layerScores,
    Map<Layer, Map<Severity, Integer>> layerCounts,
    Map<Area, Integer> areaScores,
    Map<Area, Map<Severity, Integer>> areaCounts) {

  public static Scores of(Collection<Finding> findings, int objects) {
    // Counted in arrays: this runs over every finding, and boxed map merges were a visible cost.
    int severities = Severity.values().length;
    int[][] byArea = new int[Area.values().length][severities];
    int[][] byLayer = new int[Layer.values().length][severities];
    for (Finding finding : findings) {
      byArea[finding.area().ordinal()][finding.severity().ordinal()]++;
      byLayer[finding.layer().ordinal()][finding.severity().ordinal()]++;
    }
    Map<Severity, Integer> total = counts(new int[severities]);
    Map<Layer, Map<Severity, Integer>> layerCounts = new EnumMap<>(Layer.class);
    Map<Layer, Integer> layerScores = new EnumMap<>(Layer.class);
    for (Layer layer : Layer.values()) {
      Map<Severity, Integer> counts = counts(byLayer[layer.ordinal()]);
      layerCounts.put(layer, counts);
      layerScores.put(layer, score(counts, objects));
      counts.forEach((severity, n) -> total.merge(severity, n, Integer::sum));
    }
    Map<Area, Map<Severity, Integer>> areaCounts = new EnumMap<>(Area.class);
    Map<Area, Integer> areaScores = new EnumMap<>(Area.class);
    for (Area area : Area.values()) {
      Map<Severity, Integer> counts = counts(byArea[area.ordinal()]);
      areaCounts.put(area, counts);
      areaScores.put(area, score(counts, objects));
    }
    return new Scores(total, layerScores, layerCounts, areaScores, areaCounts);
  }

  private static Map<Severity, Integer> counts(int[] bySeverity) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      counts.put(severity, bySeverity[severity.ordinal()]);
    }
    return counts;
  }

  static int score(Map<Severity, Integer> counts, int objects) {
    double penalty =
        10.0 * counts.get(Severity.CRITICAL)
            + 5.0 * counts.get(Severity.HIGH)
            + 2.0 * counts.get(Severity.MEDIUM)
            + counts.get(Severity.LOW);
    return (int) Math.round(100.0 / (1.0 + penalty / Math.max(1, objects)));
  }
}
