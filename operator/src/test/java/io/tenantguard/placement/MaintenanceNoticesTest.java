package io.tenantguard.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantguard.api.v1alpha1.region.MaintenanceWindow;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.region.RegionSpec;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.NamespaceStatus;
import io.tenantguard.testing.Examples;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaintenanceNoticesTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final List<NamespaceStatus> PARIS_NAMESPACES = List.of(
      new NamespaceStatus("horizon-records", "fr-paris", "health", NamespaceState.Provisioned, ""),
      new NamespaceStatus("horizon-portal", "fr-paris", "personal", NamespaceState.Provisioned, ""),
      new NamespaceStatus("horizon-refused", "fr-paris", "health", NamespaceState.Refused, ""));

  @Test
  void aWindowStartingWithin14DaysIsAnnouncedWithTheNamespacesItAffects() {
    Map<String, Region> regions = parisWith(window("2026-12-05T22:00:00Z", "2026-12-06T02:00:00Z"));

    var upcoming = MaintenanceNotices.upcoming(regions, PARIS_NAMESPACES, NOW);

    assertThat(upcoming.notices()).containsExactly(
        "region fr-paris (zones fr-par-1): maintenance from 2026-12-05T22:00:00Z to 2026-12-06T02:00:00Z"
            + " (storage firmware) affects namespaces horizon-records, horizon-portal");
    assertThat(upcoming.nextDue()).isEmpty();
  }

  @Test
  void aWindowFurtherAheadIsNotYetAnnouncedButItsNoticeDateIsKept() {
    Map<String, Region> regions = parisWith(window("2027-01-15T22:00:00Z", "2027-01-16T02:00:00Z"));

    var upcoming = MaintenanceNotices.upcoming(regions, PARIS_NAMESPACES, NOW);

    assertThat(upcoming.notices()).isEmpty();
    assertThat(upcoming.nextDue()).contains(Instant.parse("2027-01-01T22:00:00Z"));
  }

  @Test
  void aWindowThatEndedIsForgotten() {
    var upcoming = MaintenanceNotices.upcoming(
        parisWith(window("2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z")), PARIS_NAMESPACES, NOW);

    assertThat(upcoming.notices()).isEmpty();
    assertThat(upcoming.nextDue()).isEmpty();
  }

  private static MaintenanceWindow window(String start, String end) {
    return new MaintenanceWindow("storage firmware", OffsetDateTime.parse(start), OffsetDateTime.parse(end), List.of("fr-par-1"));
  }

  private static Map<String, Region> parisWith(MaintenanceWindow window) {
    Map<String, Region> regions = Examples.regions();
    Region paris = regions.get("fr-paris");
    RegionSpec s = paris.getSpec();
    paris.setSpec(new RegionSpec(s.displayName(), s.country(), s.jurisdiction(), s.zones(), s.hostingCentres(),
        s.certifications(), s.nodeSelector(), s.storage(), List.of(window)));
    return regions;
  }
}
