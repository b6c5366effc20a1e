package io.tenantguard.separation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.tenantguard.separation.ClosedEscapes.Escape;
import io.tenantguard.separation.ClosedEscapes.Mechanism;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosedEscapesTest {
  private static final List<String> WRITES = List.of("create", "update", "patch", "delete", "deletecollection");

  @Test
  void eachEscapeHasAUniqueIdAndSaysWhatItClosesAndWhatClosesIt() {
    List<Escape> all = ClosedEscapes.all();
    assertThat(all).extracting(Escape::id).doesNotHaveDuplicates();
    assertThat(all).allSatisfy(e -> {
      assertThat(e.closes()).isNotBlank();
      assertThat(e.enforcedBy()).isNotBlank();
      assertThat(e.references()).allSatisfy(cve -> assertThat(cve).matches("CVE-\\d{4}-\\d{4,}"));
    });
  }

  @Test
  void thePublishedInterceptionCvesAreAllCovered() {
    assertThat(ClosedEscapes.all()).flatExtracting(Escape::references)
        .contains("CVE-2020-8554", "CVE-2021-25740", "CVE-2021-25737", "CVE-2020-8562", "CVE-2020-8561",
            "CVE-2021-32783");
  }

  @Test
  void everyAdmissionPolicyNamedIsOneSeparationMaintains() {
    List<String> policies = List.of(ManagedObjectProtection.NAME, ServiceInterceptionPolicy.NAME, StrictNetworkPolicies.NAME);
    assertThat(ClosedEscapes.all()).filteredOn(e -> e.by() == Mechanism.ADMISSION_POLICY)
        .extracting(Escape::enforcedBy).isNotEmpty().allSatisfy(name -> assertThat(policies).contains(name));
  }

  @Test
  void whatRbacClosesNoTenantRoleGrants() {
    assertThat(ClosedEscapes.all()).filteredOn(e -> e.by() == Mechanism.RBAC).hasSize(4);
    for (String resource : List.of("endpoints", "endpointslices", "services/status", "pods/proxy", "services/proxy",
        "nodes/proxy", "validatingwebhookconfigurations", "mutatingwebhookconfigurations")) {
      for (ClusterRole role : TenantRoles.all()) {
        for (PolicyRule rule : role.getRules()) {
          if (rule.getResources().contains(resource)) {
            assertThat(rule.getVerbs()).as(role.getMetadata().getName() + " on " + resource).doesNotContainAnyElementsOf(WRITES);
          }
        }
      }
    }
  }
}
