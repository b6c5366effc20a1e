package io.tenantguard.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.ControlStatus;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantStatus;
import io.tenantguard.kube.DesiredState;
import io.tenantguard.kube.Labels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyReportsTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant TUESDAY = Instant.parse("2026-03-03T09:00:00Z");

  @ParameterizedTest(name = "{0} reads as {1}")
  @CsvSource({
    "Enforced, pass",
    "ProviderAttested, pass",
    "Violated, fail",
    "NotEnforced, warn", // declared and not enforced: never a silent pass, nor a violation found
    "ClientResponsibility, skip",
    "NotApplicable, skip",
  })
  void eachStateReadsAsAResultAndNothingUnprovenAsAPass(ControlState state, String result) {
    assertThat(PolicyReports.result(state)).isEqualTo(result);
  }

  @Test
  void aTenantsReportHasOneResultPerControlItsScopeSourceSummaryAndOwnershipLabels() {
    GenericKubernetesResource report = PolicyReports.desired(PolicyReports.Api.OPEN_REPORTS, tenant(
        new ControlStatus("SNC-9.7", ControlState.Enforced, "Isolated"),
        new ControlStatus("HDS-4.4.6.6", ControlState.NotEnforced, "NotImplemented"),
        new ControlStatus("HDS-4.5.4", ControlState.Violated, "ContactMissing"),
        new ControlStatus("ISO27001-A.9.2.5", ControlState.NotApplicable, "NotInContract")), null, MONDAY).orElseThrow();

    assertThat(report.getApiVersion()).isEqualTo("openreports.io/v1alpha1");
    assertThat(report.getKind()).isEqualTo("ClusterReport");
    assertThat(report.getMetadata().getName()).isEqualTo("tenantguard-clinique-horizon");
    assertThat(report.getMetadata().getLabels()).containsAllEntriesOf(Labels.owned("clinique-horizon"));
    assertThat(report.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(report.<String>get("source")).isEqualTo("tenantguard");
    assertThat(report.<Map<String, Object>>get("scope")).containsEntry("kind", "Tenant")
        .containsEntry("name", "clinique-horizon").containsEntry("uid", "uid-1");
    assertThat(report.<Map<String, Object>>get("summary"))
        .containsEntry("pass", 1).containsEntry("fail", 1).containsEntry("warn", 1).containsEntry("skip", 1)
        .containsEntry("error", 0);
    List<Map<String, Object>> results = report.get("results");
    assertThat(results).extracting(r -> r.get("policy"))
        .containsExactly("SNC-9.7", "HDS-4.4.6.6", "HDS-4.5.4", "ISO27001-A.9.2.5");
    assertThat(results).extracting(r -> r.get("result")).containsExactly("pass", "warn", "fail", "skip");
    assertThat(results.get(0)).containsEntry("source", "tenantguard").containsEntry("category", "SNC")
        .containsEntry("message", Controls.byId("SNC-9.7").orElseThrow().title() + ": Enforced (Isolated)")
        .containsEntry("properties", Map.of("state", "Enforced", "reason", "Isolated", "owner", "Provider"))
        .containsEntry("timestamp", Map.of("seconds", (int) MONDAY.getEpochSecond(), "nanos", 0));
  }

  @Test
  void anUnchangedTenantGivesTheSameReportAndAChangedControlAloneIsStampedAnew() {
    Tenant tenant = tenant(new ControlStatus("SNC-9.7", ControlState.Enforced, "Isolated"),
        new ControlStatus("HDS-4.5.4", ControlState.Enforced, "ContactsNamed"));
    GenericKubernetesResource monday = PolicyReports.desired(PolicyReports.Api.WG_POLICY, tenant, null, MONDAY).orElseThrow();

    GenericKubernetesResource tuesday = PolicyReports.desired(PolicyReports.Api.WG_POLICY, tenant, monday, TUESDAY).orElseThrow();
    assertThat(DesiredState.fingerprintOf(tuesday)).isEqualTo(DesiredState.fingerprintOf(monday));
    assertThat(DesiredState.holds(monday, tuesday)).isTrue();

    Tenant violated = tenant(new ControlStatus("SNC-9.7", ControlState.Enforced, "Isolated"),
        new ControlStatus("HDS-4.5.4", ControlState.Violated, "ContactMissing"));
    GenericKubernetesResource changed = PolicyReports.desired(PolicyReports.Api.WG_POLICY, violated, monday, TUESDAY).orElseThrow();
    assertThat(DesiredState.holds(monday, changed)).isFalse();
    List<Map<String, Object>> results = changed.get("results");
    assertThat(results.get(0).get("timestamp")).isEqualTo(Map.of("seconds", (int) MONDAY.getEpochSecond(), "nanos", 0));
    assertThat(results.get(1).get("timestamp")).isEqualTo(Map.of("seconds", (int) TUESDAY.getEpochSecond(), "nanos", 0));
    assertThat(changed.getApiVersion()).isEqualTo("wgpolicyk8s.io/v1alpha2");
    assertThat(changed.getKind()).isEqualTo("ClusterPolicyReport");
    assertThat(changed.getAdditionalProperties()).as("its schema has no report-wide source").doesNotContainKey("source");
    assertThat(results.get(0)).containsEntry("source", "tenantguard");
  }

  @Test
  void aTenantWhoseStatusListsNoControlYetHasNoReport() {
    Tenant fresh = tenant();
    fresh.setStatus(null);

    assertThat(PolicyReports.desired(PolicyReports.Api.OPEN_REPORTS, fresh, null, MONDAY)).isEmpty();
    assertThat(PolicyReports.desired(PolicyReports.Api.OPEN_REPORTS, tenant(), null, MONDAY)).isEmpty();
  }

  private static Tenant tenant(ControlStatus... controls) {
    Tenant tenant = new Tenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName("clinique-horizon").withUid("uid-1").build());
    tenant.setStatus(new TenantStatus(null, 1L, null, null, null, null, null, List.of(controls), null));
    return tenant;
  }
}
