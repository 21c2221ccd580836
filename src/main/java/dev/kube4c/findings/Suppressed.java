package dev.kube4c.findings;

import java.time.LocalDate;

/** A finding hidden by an exception, with the exception that hid it. */
public record Suppressed(Finding finding, Exemption exemption) {

  /** Why a finding is hidden: from the config file or an annotation on the object. */
  public record Exemption(String source, String reason, LocalDate expires) {}
}
