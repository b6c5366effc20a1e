package io.tenantguard.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantguard.api.v1alpha1.tenant.Deletion;
import io.tenantguard.api.v1alpha1.tenant.LifecycleState;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.api.v1alpha1.tenant.TenantStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleMetricsTest {
  private static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");

  private static Tenant tenant(TenantPhase phase, Deletion deletion) {
    Tenant tenant = LifecycleFixtures.tenant(LifecycleState.Terminated, null, true, null);
    tenant.setStatus(new TenantStatus(phase, 1L, null, null, null, null, null, null, null, null, null, deletion));
    return tenant;
  }

  private static Deletion until(String deadline) {
    return Deletion.terminated("2026-06-01T00:00:00Z", "P90D", deadline);
  }

  @Test
  void tenantsAreCountedByPhaseAndPendingDestructionsByWhenTheyFallDue() {
    List<Tenant> tenants = List.of(
        tenant(TenantPhase.Ready, null),
        tenant(TenantPhase.Retained, until("2026-06-10T18:00:00Z")),
        tenant(TenantPhase.Retained, until("2026-06-15T00:00:00Z")),
        tenant(TenantPhase.Retained, until("2026-09-01T00:00:00Z")),
        tenant(TenantPhase.Retained, until("2026-06-10T12:00:00Z")),
        tenant(TenantPhase.Destroyed, until("2026-06-01T00:00:00Z").withDestroyed("2026-06-01T00:01:00Z", "c")));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    LifecycleMetrics.register(meters, tenants, List::stream, Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(gauge(meters, "tenantguard.tenants", "phase", "Retained")).isEqualTo(4);
    assertThat(gauge(meters, "tenantguard.tenants", "phase", "Ready")).isEqualTo(1);
    assertThat(gauge(meters, "tenantguard.tenants", "phase", "Destroyed")).isEqualTo(1);
    assertThat(gauge(meters, "tenantguard.destructions.pending", "due", "passed")).as("due exactly now").isEqualTo(1);
    assertThat(gauge(meters, "tenantguard.destructions.pending", "due", "24h")).isEqualTo(1);
    assertThat(gauge(meters, "tenantguard.destructions.pending", "due", "7d")).isEqualTo(1);
    assertThat(gauge(meters, "tenantguard.destructions.pending", "due", "later")).isEqualTo(1);
  }

  private static double gauge(SimpleMeterRegistry meters, String name, String tag, String value) {
    return meters.get(name).tag(tag, value).gauge().value();
  }
}
