package io.tenantguard.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.ControlStatus;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlMetricsTest {
  @Test
  void eachStateCountsTheControlsOfEveryTenantInItAndNoSeriesNamesATenant() {
    List<Tenant> tenants = new ArrayList<>(List.of(
        tenant("a", ControlState.Enforced, ControlState.Violated, ControlState.NotApplicable),
        tenant("b", ControlState.Violated, ControlState.NotEnforced)));
    tenants.add(new Tenant()); // not reconciled yet: no status
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    ControlMetrics.register(meters, tenants::stream);

    assertThat(value(meters, ControlState.Violated)).isEqualTo(2);
    assertThat(value(meters, ControlState.Enforced)).isEqualTo(1);
    assertThat(value(meters, ControlState.ProviderAttested)).isZero();
    assertThat(meters.find("tenantguard.controls").gauges()).hasSize(ControlState.values().length)
        .allSatisfy(gauge -> assertThat(gauge.getId().getTags()).extracting(t -> t.getKey()).containsExactly("state"));

    tenants.remove(1);
    assertThat(value(meters, ControlState.Violated)).as("read at each scrape").isEqualTo(1);
  }

  private static double value(SimpleMeterRegistry meters, ControlState state) {
    Gauge gauge = meters.get("tenantguard.controls").tag("state", state.name()).gauge();
    return gauge.value();
  }

  private static Tenant tenant(String name, ControlState... states) {
    Tenant tenant = new Tenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName(name).build());
    List<ControlStatus> controls = new ArrayList<>();
    for (int i = 0; i < states.length; i++) {
      controls.add(new ControlStatus("C-" + i, states[i], "Reason"));
    }
    tenant.setStatus(new TenantStatus(null, 1L, null, null, null, null, null, controls, null));
    return tenant;
  }
}
