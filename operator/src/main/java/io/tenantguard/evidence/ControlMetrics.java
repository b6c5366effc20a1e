package io.tenantguard.evidence;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The gauge {@code tenantguard_controls{state}}: how many controls, over every tenant, are in each
 * state, as the Tenants' {@code status.controls[]} show them. One series per state and no tenant
 * label, so that it costs the same at 10 tenants or 10 000; the Tenants themselves say which.
 */
public final class ControlMetrics {
  private ControlMetrics() {}

  /** @param tenants the Tenants as the operator's cache holds them, read at each scrape */
  public static void register(MeterRegistry meters, Supplier<Stream<Tenant>> tenants) {
    for (ControlState state : ControlState.values()) {
      Gauge.builder("tenantguard.controls", tenants, all -> count(all.get(), state))
          .description("Controls of every tenant in this state")
          .tag("state", state.name())
          .strongReference(true) // the supplier is a lambda nothing else holds
          .register(meters);
    }
  }

  static long count(Stream<Tenant> tenants, ControlState state) {
    return tenants.filter(t -> t.getStatus() != null)
        .flatMap(t -> t.getStatus().controls().stream())
        .filter(c -> c.state() == state)
        .count();
  }
}
