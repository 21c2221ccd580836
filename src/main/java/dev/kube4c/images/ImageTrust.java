package dev.kube4c.images;

import dev.kube4c.source.InputProblem;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Verdicts of image verification for one scan, by image reference as written in the pod specs.
 * {@link #OFF} when verification was not asked for; the image-signature rules are then inactive.
 */
public record ImageTrust(
    boolean enabled, Map<String, ImageVerdict> verdicts, List<InputProblem> problems) {

  public static final ImageTrust OFF = new ImageTrust(false, Map.of(), List.of());

  public ImageTrust {
    verdicts = Map.copyOf(verdicts);
    problems = List.copyOf(problems);
  }

  public Optional<ImageVerdict> verdict(String image) {
    return Optional.ofNullable(verdicts.get(image));
  }

  /** One line for --verbose: how many images, with which outcome, in how long. */
  public String summary(Duration took) {
    Map<ImageVerdict.Status, Long> counts = new EnumMap<>(ImageVerdict.Status.class);
    verdicts.values().forEach(v -> counts.merge(v.status(), 1L, Long::sum));
    return String.format(
        Locale.ROOT,
        "image verification: %d image(s) in %d ms (%d verified, %d missing, %d invalid, %d error)",
        verdicts.size(),
        took.toMillis(),
        counts.getOrDefault(ImageVerdict.Status.VERIFIED, 0L),
        counts.getOrDefault(ImageVerdict.Status.MISSING, 0L),
        counts.getOrDefault(ImageVerdict.Status.INVALID, 0L),
        counts.getOrDefault(ImageVerdict.Status.ERROR, 0L));
  }
}
