package dev.kube4c.vuln;

import dev.kube4c.source.InputProblem;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vulnerability scan's results for one scan, by image reference as written in the pod specs
 * (and by the image named in imported Trivy/Grype reports). {@link #OFF} when neither {@code scan
 * --images} nor an imported report asked for it; the vulnerability rules are then inactive.
 */
public record ImageVulnerabilities(
    boolean enabled,
    Map<String, ImageScan> images,
    List<InputProblem> problems,
    List<String> notes) {

  public static final ImageVulnerabilities OFF =
      new ImageVulnerabilities(false, Map.of(), List.of(), List.of());

  public ImageVulnerabilities {
    images = Map.copyOf(images);
    problems = List.copyOf(problems);
    notes = List.copyOf(notes);
  }

  public Optional<ImageScan> scan(String image) {
    return Optional.ofNullable(images.get(image));
  }
}
