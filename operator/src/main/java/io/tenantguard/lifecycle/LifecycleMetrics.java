package io.tenantguard.lifecycle;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tenantguard.api.v1alpha1.tenant.Deletion;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Gauges read from the tenants' cache at each scrape: {@code tenantguard_tenants{phase}}, and
 * {@code tenantguard_destructions_pending{due}} (terminated tenants not yet destroyed, by when
 * their deadline falls: {@code passed} when it has, which a legal hold or a volume kept by an
 * administrator explains; {@code 24h}, {@code 7d}, {@code later}). Destructions done and
 * certificates kept are counted where they happen.
 */
public final class LifecycleMetrics {
  private LifecycleMetrics() {}

  /** @param tenants what the gauges read: the reconciler's cache, which it keeps alive */
  public static <C> void register(MeterRegistry meters, C tenants, Function<C, Stream<Tenant>> list, Clock clock) {
    for (TenantPhase phase : TenantPhase.values()) {
      meters.gauge("tenantguard.tenants", Tags.of("phase", phase.name()), tenants,
          cache -> list.apply(cache).filter(t -> t.getStatus() != null && t.getStatus().phase() == phase).count());
    }
    for (String due : new String[] {"passed", "24h", "7d", "later"}) {
      meters.gauge("tenantguard.destructions.pending", Tags.of("due", due), tenants,
          cache -> list.apply(cache).filter(t -> due.equals(due(t, clock.instant()))).count());
    }
  }

  /** Which bucket a tenant's pending destruction falls in, or null when none is pending. */
  static String due(Tenant tenant, Instant now) {
    Deletion deletion = tenant.getStatus() == null ? null : tenant.getStatus().deletion();
    if (deletion == null || deletion.dataAccessibleUntil() == null || deletion.destroyedAt() != null) {
      return null;
    }
    Duration left = Duration.between(now, Instant.parse(deletion.dataAccessibleUntil()));
    if (left.isNegative() || left.isZero()) {
      return "passed";
    }
    return left.compareTo(Duration.ofDays(1)) <= 0 ? "24h" : left.compareTo(Duration.ofDays(7)) <= 0 ? "7d" : "later";
  }
}
