package dev.kube4c.images;

import dev.kube4c.source.InputProblem;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verdicts of image verification for one scan, by image reference as written in the pod specs.
 * {@link #OFF} when verification was not asked for; the image-signature rules are then inactive.
 */
public record ImageTrust(boolean enabled, Map<String, ImageVerdict> verdicts, List<InputProblem> problems) {

  public static final ImageTrust OFF = new ImageTrust(false, Map.of(), List.of());

  public ImageTrust {
    verdicts = Map.copyOf(verdicts);
    problems = List.copyOf(problems);
  }

  public Optional<ImageVerdict> verdict(String image) {
    return Optional.ofNullable(verdicts.get(image));
  }
}
