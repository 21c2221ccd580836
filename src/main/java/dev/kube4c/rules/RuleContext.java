package dev.kube4c.rules;

import dev.kube4c.config.Config;
import dev.kube4c.inventory.Inventory;
import java.time.LocalDate;

/** What a rule may look at: the scanned objects, the configuration and today's date (for expiries). */
public record RuleContext(Inventory inventory, Config config, LocalDate today) {}
