package dev.kube4c.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What {@code /metrics} shows, in the Prometheus text format: decisions by rule, mode and result
 * ({@code rule="none"} when no rule decided), the in-handler latency as a histogram, and the sizes
 * of the context and image caches.
 */
public final class WebhookMetrics {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer latency;

  public WebhookMetrics(Supplier<Number> contextObjects, Supplier<Number> imageVerdicts) {
    latency =
        Timer.builder("kube4c.admission.duration")
            .description("Time to judge one AdmissionReview, from body received to answer built")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(0).plusNanos(50_000))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    Gauge.builder("kube4c.context.cache.objects", () -> contextObjects.get().doubleValue())
        .description("Objects held by the webhook's context cache")
        .register(registry);
    Gauge.builder("kube4c.image.cache.verdicts", () -> imageVerdicts.get().doubleValue())
        .description("Image verdicts held by the webhook's signature cache")
        .register(registry);
  }

  public void record(Decision decision, long nanos) {
    latency.record(Duration.ofNanos(nanos));
    String mode = decision.mode() == null ? "none" : decision.mode().label();
    if (decision.rules().isEmpty()) {
      counter("none", mode, decision.outcome()).increment();
    } else {
      decision.rules().stream()
          .distinct()
          .forEach(rule -> counter(rule, mode, decision.outcome()).increment());
    }
  }

  /** Bodies that were not AdmissionReviews (answered 400 or 413). */
  public void rejected(String reason) {
    counter("none", "none", reason).increment();
  }

  private Counter counter(String rule, String mode, String result) {
    return Counter.builder("kube4c.admission.decisions")
        .description("Admission decisions by deciding rule, namespace mode and result")
        .tag("rule", rule)
        .tag("mode", mode)
        .tag("result", result)
        .register(registry);
  }

  public String scrape() {
    return registry.scrape();
  }
}
