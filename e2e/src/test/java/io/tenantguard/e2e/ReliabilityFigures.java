package io.tenantguard.e2e;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures the reliability tests measure in a run (bad input refused and reported, reconciliations
 * per minute, verbs the operator used, tenant attacks refused), printed at the end of the run as one
 * "name value" line each and written to e2e/target/reliability/figures.json: docs/reliability.md
 * keeps those of the last full run.
 */
public final class ReliabilityFigures {
  private static final Map<String, Double> FIGURES = new TreeMap<>();

  private ReliabilityFigures() {}

  public static synchronized void put(String name, double value) {
    FIGURES.put(name, value);
  }

  /** Prints and writes every figure of the run, the attack counts among them. */
  static synchronized void report() {
    Attacks.Figures attacks = Attacks.figures();
    if (FIGURES.isEmpty() && attacks.triedTotal() == 0) {
      return; // a run of other tests (the benchmark alone): nothing to report
    }
    Map<String, Double> all = new LinkedHashMap<>(FIGURES);
    all.put("tenant_attacks_tried", (double) attacks.triedTotal());
    all.put("tenant_attacks_refused", (double) attacks.refusedTotal());
    System.out.println("reliability figures (e2e/target/reliability/figures.json)");
    all.forEach((name, value) -> System.out.println(name + " " + value));
    System.out.println(attacks);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("figures", all);
    document.put("attacksByRule", Map.of("tried", attacks.tried(), "refused", attacks.refused()));
    E2e.write(E2e.repoRoot().resolve("e2e/target/reliability/figures.json"), Serialization.asJson(document));
  }
}
