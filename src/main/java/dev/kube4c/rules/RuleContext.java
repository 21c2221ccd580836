package dev.kube4c.rules;

import dev.kube4c.config.Config;
import dev.kube4c.images.ImageTrust;
import dev.kube4c.inventory.Inventory;
import dev.kube4c.vuln.ImageVulnerabilities;
import java.time.LocalDate;

/**
 * What a rule may look at: the scanned objects, the configuration, today's date (for expiries) and,
 * when image verification was asked for, its verdicts, and when image scanning was asked for (or a
 * Trivy/Grype report was given), the vulnerabilities found; at admission, the request being judged
 * ({@code request} is null in file and cluster scans).
 */
public record RuleContext(
    Inventory inventory,
    Config config,
    LocalDate today,
    ImageTrust images,
    RequestAttributes request,
    ImageVulnerabilities vulnerabilities) {

  public RuleContext {
    images = images == null ? ImageTrust.OFF : images;
    vulnerabilities = vulnerabilities == null ? ImageVulnerabilities.OFF : vulnerabilities;
  }

  public RuleContext(
      Inventory inventory,
      Config config,
      LocalDate today,
      ImageTrust images,
      RequestAttributes request) {
    this(inventory, config, today, images, request, null);
  }

  public RuleContext(Inventory inventory, Config config, LocalDate today, ImageTrust images) {
    this(inventory, config, today, images, null);
  }

  public RuleContext(Inventory inventory, Config config, LocalDate today) {
    this(inventory, config, today, ImageTrust.OFF);
  }
}
