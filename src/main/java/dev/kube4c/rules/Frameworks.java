package dev.kube4c.rules;

import java.util.List;

/**
 * Where a rule sits in the frameworks people audit against: CIS Kubernetes Benchmark ids, NSA/CISA
 * hardening guide sections, MITRE ATT&CK for Containers techniques, the Pod Security Standards
 * control and the CKS curriculum domain. Empty lists and nulls mean "no mapping".
 */
public record Frameworks(
    List<String> cis, List<String> nsa, List<String> mitre, String pss, String cks) {

  public static final Frameworks NONE = new Frameworks(List.of(), List.of(), List.of(), null, null);

  public Frameworks {
    cis = List.copyOf(cis);
    nsa = List.copyOf(nsa);
    mitre = List.copyOf(mitre);
  }

  public Frameworks withCis(String... ids) {
    return new Frameworks(List.of(ids), nsa, mitre, pss, cks);
  }

  public Frameworks withNsa(String... sections) {
    return new Frameworks(cis, List.of(sections), mitre, pss, cks);
  }

  public Frameworks withMitre(String... techniques) {
    return new Frameworks(cis, nsa, List.of(techniques), pss, cks);
  }

  public Frameworks withPss(String control) {
    return new Frameworks(cis, nsa, mitre, control, cks);
  }

  public Frameworks withCks(Cks domain) {
    return new Frameworks(cis, nsa, mitre, pss, domain.title());
  }

  public boolean isEmpty() {
    return cis.isEmpty() && nsa.isEmpty() && mitre.isEmpty() && pss == null && cks == null;
  }

  /** The CKS curriculum domains. */
  public enum Cks {
    CLUSTER_SETUP("Cluster Setup"),
    CLUSTER_HARDENING("Cluster Hardening"),
    SYSTEM_HARDENING("System Hardening"),
    MICROSERVICE_VULNERABILITIES("Minimize Microservice Vulnerabilities"),
    SUPPLY_CHAIN("Supply Chain Security"),
    RUNTIME_SECURITY("Monitoring, Logging and Runtime Security");

    private final String title;

    Cks(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }
}
